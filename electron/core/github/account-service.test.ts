import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUIRED_SCOPES } from '../../../shared/domain/github.ts';
import { createMemoryVault } from '../vault/memory-vault.ts';
import { createMemoryAccountRecords } from './account-records.ts';
import { createAccountService } from './account-service.ts';
import { tokenFingerprint } from './token-fingerprint.ts';

const settings = {
  githubUrl: 'https://github.example.com',
  registryUrl: 'https://ghcr.io',
  requiredScopes: [...DEFAULT_REQUIRED_SCOPES],
};

function setup() {
  const vault = createMemoryVault();
  const records = createMemoryAccountRecords();
  const service = createAccountService({
    settings: () => settings,
    vault,
    records,
    openBrowser: () => Promise.reject(new Error('no browser')),
    now: () => Date.parse('2026-12-03T12:00:00Z'),
  });
  return { vault, records, service };
}

describe('account service over an injected vault', () => {
  it('adopts keychain items it has no record of, unchecked, and forgets records whose item is gone', async () => {
    const { vault, records, service } = setup();
    await vault.setToken({ host: 'github.example.com', login: 'carol' }, 'ghp_carolcarolcarolcarolcarol');
    await records.put({
      host: 'github.example.com',
      login: 'gone',
      githubUrl: 'https://github.example.com',
      tokenKind: 'oauth',
      fingerprint: 'sha256:000000000000',
      health: { state: 'ok', scopes: [], missingScopes: [], checkedAt: '2026-12-01T00:00:00Z' },
      addedAt: '2026-12-01T00:00:00Z',
      updatedAt: '2026-12-01T00:00:00Z',
    });

    expect(await service.list()).toEqual([
      {
        host: 'github.example.com',
        login: 'carol',
        tokenKind: 'classic-pat',
        fingerprint: tokenFingerprint('ghp_carolcarolcarolcarolcarol'),
        health: {
          state: 'unknown',
          scopes: [],
          missingScopes: [],
          checkedAt: '2026-12-03T12:00:00.000Z',
          message: 'Not checked yet.',
        },
        addedAt: '2026-12-03T12:00:00.000Z',
        updatedAt: '2026-12-03T12:00:00.000Z',
      },
    ]);
    expect((await records.list()).map((r) => r.login)).toEqual(['carol']);
  });

  it('says what to configure before a browser login', async () => {
    const { service } = setup();
    await expect(service.connect()).rejects.toThrow(/client ID in Settings/);
    await expect(service.setOAuthClientSecret('x')).rejects.toThrow(/client ID/);
    expect(await service.hasOAuthClientSecret()).toBe(false);
  });
});
