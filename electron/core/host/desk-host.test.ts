import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../shared/contract/events.ts';
import { CALL_NAMES } from '../../../shared/contract/names.ts';
import type { Result } from '../../../shared/contract/result.ts';
import { kubeconfigYaml } from '../cluster/kubeconfig-loader.test.ts';
import type { CallContext } from '../contract/desk-handlers.ts';
import { dispatchCall } from '../contract/dispatch-call.ts';
import { ENGINE_PART } from './call-groups.ts';
import { createDeskHost, type DeskHost } from './desk-host.ts';
import type { EngineFactory } from './engine.ts';
import { notImplementedEngineHandlers } from './not-implemented.ts';

const context: CallContext = { transport: 'ipc', signal: new AbortController().signal };
const hosts: DeskHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
});

/** An engine that only replaces the keychain probe, so tests never wait on a real Secret Service. */
const probesOnly: EngineFactory = () => ({
  handlers: notImplementedEngineHandlers(),
  probes: { keychain: async () => ({ available: true }) },
});

async function host(engine: EngineFactory = probesOnly): Promise<{ host: DeskHost; profile: string }> {
  const profile = await mkdtemp(join(tmpdir(), 'desk-host-'));
  const created = createDeskHost({
    profileDir: profile,
    version: '1.2.3',
    engine,
    statusIntervalMs: 3_600_000,
  });
  hosts.push(created);
  return { host: created, profile };
}

const call = (target: DeskHost, name: string, input: unknown): Promise<Result<unknown>> =>
  dispatchCall(target.handlers, name, input, context);

describe('desk host', () => {
  it('implements every call of the contract', async () => {
    const { host: desk } = await host();
    expect(Object.keys(desk.handlers).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('answers the engine calls with not-implemented until an engine is plugged in', async () => {
    const { host: desk } = await host();
    for (const [name, part] of Object.entries(ENGINE_PART)) {
      const handler = desk.handlers[name as keyof typeof ENGINE_PART] as (
        i: unknown,
        c: CallContext,
      ) => Promise<unknown>;
      await expect(handler({}, context)).rejects.toMatchObject({
        code: 'not-implemented',
        message:
          part === 'cluster' ? expect.stringMatching(/cluster engine/) : expect.stringMatching(/GitHub/),
      });
    }
    expect(await call(desk, 'projects.list', {})).toMatchObject({
      ok: false,
      error: { code: 'not-implemented' },
    });
  });

  it('reports status: version, cluster problem without a kubeconfig, no live pods, OAuth not configured', async () => {
    const { host: desk } = await host();
    await call(desk, 'settings.update', { patch: { kubeconfigPath: '/nonexistent/kubeconfig' } });
    expect(await call(desk, 'app.status', {})).toEqual({
      ok: true,
      data: {
        version: '1.2.3',
        cluster: {
          context: '',
          server: '',
          reachable: false,
          problem: expect.stringMatching(/does not exist/),
        },
        keychain: { available: true },
        livePods: { state: 'off' },
        oauthConfigured: false,
      },
    });
  });

  it('lists kube contexts and switches the active one in the settings', async () => {
    const { host: desk, profile } = await host();
    const file = join(profile, 'kubeconfig.yaml');
    await writeFile(file, kubeconfigYaml('https://10.1.2.3:6443', true));
    await call(desk, 'settings.update', { patch: { kubeconfigPath: file } });
    expect(await call(desk, 'kube.contexts', {})).toMatchObject({ ok: true, data: { active: 'main' } });
    expect(await call(desk, 'kube.useContext', { context: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await call(desk, 'kube.useContext', { context: 'other' })).toMatchObject({
      ok: true,
      data: { active: 'other', kubeconfigCurrent: 'main' },
    });
    expect(await call(desk, 'settings.get', {})).toMatchObject({
      ok: true,
      data: { settings: { kubeContext: 'other' }, oauthClientSecretSet: false },
    });
  });

  it('refuses to take an OAuth client secret it cannot put in a keychain', async () => {
    const { host: desk } = await host();
    expect(await call(desk, 'settings.setOAuthClientSecret', { secret: 'abcdef0123456789' })).toMatchObject({
      ok: false,
      error: { code: 'not-implemented' },
    });
  });

  it('plugs an engine in: its handlers answer, it publishes events, its secret store backs the settings', async () => {
    let stored = '';
    const engine: EngineFactory = (services) => ({
      handlers: {
        ...notImplementedEngineHandlers(),
        'accounts.list': async () => {
          services.events.emit('onAccountsChanged', []);
          return [];
        },
      },
      probes: { keychain: async () => ({ available: true }) },
      oauthClientSecret: {
        isSet: async () => stored !== '',
        set: async (_url, secret) => void (stored = secret),
        clear: async () => void (stored = ''),
      },
    });
    const { host: desk } = await host(engine);
    const seen: AnyEvent[] = [];
    desk.events.subscribe((event) => seen.push(event));
    expect(await call(desk, 'accounts.list', {})).toEqual({ ok: true, data: [] });
    expect(seen.map((event) => event.name)).toContain('onAccountsChanged');
    const result = await call(desk, 'settings.setOAuthClientSecret', { secret: 'abcdef0123456789' });
    expect(result).toMatchObject({ ok: true, data: { oauthClientSecretSet: true } });
    expect(JSON.stringify(result)).not.toContain('abcdef0123456789');
  });

  it('lists the activity log', async () => {
    const { host: desk } = await host();
    expect(await call(desk, 'activity.list', { limit: 5 })).toEqual({
      ok: true,
      data: { entries: [], unreadableLines: 0 },
    });
  });
});
