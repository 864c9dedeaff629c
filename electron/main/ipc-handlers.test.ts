import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, ipcCallChannel, ipcEventChannel } from '../../shared/contract/names.ts';
import { createDeskHost, type DeskHost } from '../core/host/desk-host.ts';
import { notImplementedEngineHandlers } from '../core/host/not-implemented.ts';
import { setLogSink } from '../core/log/logger.ts';

type Listener = (event: unknown, input: unknown) => Promise<unknown>;
const handlers = new Map<string, Listener>();

// Electron cannot run here; ipcMain is a recording stand-in with the same two methods the file uses.
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: Listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerIpcHandlers } = await import('./ipc-handlers.ts');

/** A WebContents as far as the registration looks at it. */
function fakeWebContents(id: number, url: string) {
  const mainFrame = { url };
  const sent: [string, unknown][] = [];
  let onDestroyed: () => void = () => undefined;
  return {
    id,
    mainFrame,
    sent,
    getURL: () => url,
    isDestroyed: () => false,
    send: (channel: string, payload: unknown) => void sent.push([channel, payload]),
    once: (_event: 'destroyed', listener: () => void) => void (onDestroyed = listener),
    destroy: () => onDestroyed(),
  };
}

const invoke = (
  call: string,
  sender: ReturnType<typeof fakeWebContents>,
  input: unknown,
  frame: unknown = sender.mainFrame,
) => {
  const listener = handlers.get(`desk:call:${call}`);
  if (!listener) throw new Error(`no handler for ${call}`);
  return listener({ sender, senderFrame: frame }, input);
};

let host: DeskHost;
let registration: ReturnType<typeof registerIpcHandlers>;
const app = fakeWebContents(1, 'app://ghcr-desk/index.html#/projects');
let restoreSink: ReturnType<typeof setLogSink>;

beforeAll(async () => {
  restoreSink = setLogSink(() => undefined);
  host = createDeskHost({
    profileDir: await mkdtemp(join(tmpdir(), 'ipc-')),
    version: 'test',
    statusIntervalMs: 3_600_000,
    engine: () => ({
      handlers: notImplementedEngineHandlers(),
      probes: { keychain: async () => ({ available: true }) },
    }),
  });
  registration = registerIpcHandlers(host, new Set(['app://ghcr-desk']));
  registration.attach(app as never);
});
afterAll(async () => {
  registration.dispose();
  await host.close();
  setLogSink(restoreSink);
});

describe('IPC registration', () => {
  it('registers exactly one handler per contract call', () => {
    expect([...handlers.keys()].sort()).toEqual(CALL_NAMES.map(ipcCallChannel).sort());
  });

  it('answers a trusted sender through the contract', async () => {
    expect(await invoke('settings.get', app, {})).toMatchObject({
      ok: true,
      data: { oauthClientSecretSet: false },
    });
  });

  it.each([
    ['a missing input', 'projects.get', undefined],
    ['an extra key', 'app.status', { x: 1 }],
    ['a wrong type', 'activity.list', { limit: 'all' }],
    ['an out-of-range number', 'activity.list', { limit: 100_000 }],
    ['a bad scope', 'resync.plan', { options: { scope: { kind: 'everything' } } }],
  ])('refuses %s with invalid-input', async (_name, call, input) => {
    expect(await invoke(call, app, input)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses senders that are not the app window main frame on the app origin', async () => {
    const stranger = fakeWebContents(2, 'app://ghcr-desk/index.html');
    const elsewhere = fakeWebContents(3, 'https://evil.example/');
    registration.attach(elsewhere as never);
    const refused = { ok: false, error: { code: 'forbidden' } };
    expect(await invoke('settings.get', stranger, {})).toMatchObject(refused);
    expect(await invoke('settings.get', elsewhere, {})).toMatchObject(refused);
    expect(await invoke('settings.get', app, {}, { url: app.getURL() })).toMatchObject(refused); // an iframe
    expect(await invoke('settings.get', app, {}, null)).toMatchObject(refused); // a destroyed frame
  });

  it('forwards events to app windows only, and stops when a window is gone', async () => {
    const elsewhere = fakeWebContents(4, 'https://evil.example/');
    registration.attach(elsewhere as never);
    const status = await host.handlers['app.status'](
      {},
      { transport: 'ipc', signal: new AbortController().signal },
    );
    host.events.emit('onStatusChanged', status);
    expect(app.sent).toContainEqual([ipcEventChannel('onStatusChanged'), status]);
    expect(elsewhere.sent).toEqual([]);
    app.destroy();
    const before = app.sent.length;
    host.events.emit('onStatusChanged', status);
    expect(app.sent).toHaveLength(before);
    expect(await invoke('settings.get', app, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
