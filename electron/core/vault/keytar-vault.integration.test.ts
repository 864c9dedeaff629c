import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeytarVault } from './keytar-vault.ts';

const execFileAsync = promisify(execFile);
const service = `ghcr-desk-test-${randomBytes(6).toString('hex')}`;
const vault = createKeytarVault({ service });

afterEach(async () => {
  for (const key of await vault.listTokens()) await vault.deleteToken(key);
  await vault.deleteAppSecret('github.example.com', 'Ov23liClient');
});

describe('keytar vault (real Secret Service)', () => {
  it('stores, lists, reads, replaces and deletes one item per host + login', async () => {
    const alice = `gho_${randomBytes(18).toString('hex')}`;
    const bob = `ghp_${randomBytes(18).toString('hex')}`;
    await vault.setToken({ host: 'github.com', login: 'alice' }, alice);
    await vault.setToken({ host: 'github.example.com:8443', login: 'bob' }, bob);

    expect((await vault.listTokens()).sort((a, b) => a.login.localeCompare(b.login))).toEqual([
      { host: 'github.com', login: 'alice' },
      { host: 'github.example.com:8443', login: 'bob' },
    ]);
    expect(await vault.getToken({ host: 'github.com', login: 'alice' })).toBe(alice);
    expect(await vault.getToken({ host: 'github.example.com:8443', login: 'alice' })).toBeUndefined();

    const replacement = `gho_${randomBytes(18).toString('hex')}`;
    await vault.setToken({ host: 'github.com', login: 'alice' }, replacement);
    expect(await vault.getToken({ host: 'github.com', login: 'alice' })).toBe(replacement);
    expect(await vault.listTokens()).toHaveLength(2);

    expect(await vault.deleteToken({ host: 'github.com', login: 'alice' })).toBe(true);
    expect(await vault.deleteToken({ host: 'github.com', login: 'alice' })).toBe(false);
    expect(await vault.getToken({ host: 'github.com', login: 'alice' })).toBeUndefined();
  });

  it('keeps the OAuth App secret as its own item, outside the token list', async () => {
    await vault.setAppSecret('github.example.com', 'Ov23liClient', 'secret-0123456789');
    expect(await vault.getAppSecret('github.example.com', 'Ov23liClient')).toBe('secret-0123456789');
    expect(await vault.listTokens()).toEqual([]);
    expect(await vault.deleteAppSecret('github.example.com', 'Ov23liClient')).toBe(true);
    expect(await vault.getAppSecret('github.example.com', 'Ov23liClient')).toBeUndefined();
  });

  it('refuses to store an empty token', async () => {
    await expect(vault.setToken({ host: 'github.com', login: 'alice' }, '')).rejects.toThrow(/empty token/);
  });

  it.each([
    [
      'no session bus address and no display',
      { DBUS_SESSION_BUS_ADDRESS: undefined },
      /no D-Bus session bus/,
    ],
    [
      'a session bus address that goes nowhere',
      { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
      /does not answer/,
    ],
  ])('explains what to do when there is no keychain: %s', async (_name, env, reason) => {
    const probe = fileURLToPath(new URL('./vault-probe.fixture.ts', import.meta.url));
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete childEnv['DISPLAY'];
    delete childEnv['WAYLAND_DISPLAY'];
    if (env.DBUS_SESSION_BUS_ADDRESS === undefined) delete childEnv['DBUS_SESSION_BUS_ADDRESS'];
    const { stdout } = await execFileAsync(process.execPath, [probe], { env: childEnv });
    const outcome = JSON.parse(stdout) as { name: string; message: string; stored: boolean };
    expect(outcome.stored).toBe(false);
    expect(outcome.name).toBe('VaultUnavailableError');
    expect(outcome.message).toMatch(reason);
    expect(outcome.message).toMatch(/never writes them to disk in plaintext/);
  });
});
