import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WIRE_PATH, WIRE_PROTOCOL, WIRE_TOKEN_PROTOCOL_PREFIX } from '../../../shared/contract/wire.ts';
import { createDeskHost, type DeskHost } from '../host/desk-host.ts';
import { setLogSink } from '../log/logger.ts';
import { startServeMode, type RunningServeMode } from './serve-mode.ts';

let host: DeskHost;
let serve: RunningServeMode;
let token: string;
const logLines: string[] = [];
let restoreSink: ReturnType<typeof setLogSink>;

beforeAll(async () => {
  restoreSink = setLogSink((line) => logLines.push(line));
  const root = await mkdtemp(join(tmpdir(), 'serve-mode-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>panel</title>');
  host = createDeskHost({
    profileDir: join(root, 'profile'),
    version: '0.0.0-test',
    statusIntervalMs: 3_600_000,
  });
  serve = await startServeMode({ host, rendererDir });
  token = new URL(serve.url).hash.replace('#token=', '');
});

afterAll(async () => {
  await serve.close();
  await host.close();
  setLogSink(restoreSink);
});

interface Attempt {
  readonly host?: string;
  readonly origin?: string | null;
  readonly protocols?: string[];
  readonly path?: string;
  readonly address?: string;
}

/** Opens a WebSocket the way a browser would (or deliberately not); resolves with the socket or the refusal. */
function connect(
  attempt: Attempt = {},
): Promise<{ ws?: WebSocket; status?: number; body?: string; error?: string }> {
  const address = attempt.address ?? '127.0.0.1';
  const protocols = attempt.protocols ?? [WIRE_PROTOCOL, WIRE_TOKEN_PROTOCOL_PREFIX + token];
  const origin = attempt.origin === undefined ? serve.origin : attempt.origin;
  const ws = new WebSocket(`ws://${address}:${serve.port}${attempt.path ?? WIRE_PATH}`, protocols, {
    headers: { host: attempt.host ?? `127.0.0.1:${serve.port}` },
    ...(origin === null ? {} : { origin }),
  });
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode, body }));
    });
    ws.once('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
  });
}

/** A socket that must open. */
async function open(): Promise<WebSocket> {
  const { ws, status, error } = await connect();
  if (!ws) throw new Error(`expected the upgrade to succeed, got ${status ?? error}`);
  return ws;
}

function call(
  ws: WebSocket,
  id: number,
  name: unknown,
  input: unknown,
): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'result' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, call: name, input }));
  });
}

describe('serve mode', () => {
  it('prints a loopback URL whose fragment carries a 256-bit token', () => {
    const url = new URL(serve.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/');
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('accepts the right token, Host and Origin and answers calls over the contract', async () => {
    const ws = await open();
    expect(ws.protocol).toBe(WIRE_PROTOCOL);
    const result = await call(ws, 1, 'settings.get', {});
    expect(result.ok).toBe(true);
    ws.close();
  });

  it.each([
    ['no token', { protocols: [WIRE_PROTOCOL] }, 401],
    ['no subprotocol at all', { protocols: [] }, 401],
    ['a wrong token', { protocols: [WIRE_PROTOCOL, WIRE_TOKEN_PROTOCOL_PREFIX + 'A'.repeat(43)] }, 401],
    [
      'two tokens',
      { protocols: [WIRE_PROTOCOL, `${WIRE_TOKEN_PROTOCOL_PREFIX}x`, `${WIRE_TOKEN_PROTOCOL_PREFIX}y`] },
      401,
    ],
    ['another Origin', { origin: 'http://evil.example' }, 403],
    ['another loopback Origin (other port)', { origin: 'http://127.0.0.1:1' }, 403],
    ['localhost as Origin', { origin: 'http://localhost:PORT' }, 403],
    ['no Origin', { origin: null }, 403],
    ['a rebinding Host', { host: 'evil.example:PORT' }, 421],
    ['localhost as Host', { host: 'localhost:PORT' }, 421],
    ['another path', { path: '/other' }, 404],
  ] as const)('refuses an upgrade with %s', async (_name, attempt, status) => {
    const fix = (value: string | null | undefined) => value?.replace('PORT', String(serve.port)) ?? value;
    const result = await connect({
      ...attempt,
      ...('origin' in attempt ? { origin: fix(attempt.origin) } : {}),
      ...('host' in attempt ? { host: fix(attempt.host) } : {}),
    } as Attempt);
    expect(result.ws).toBeUndefined();
    expect(result.status).toBe(status);
    expect(result.body).not.toContain(token);
  });

  it('listens on 127.0.0.1 only: other interfaces of this machine refuse the connection', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((info) => info && !info.internal && info.family === 'IPv4')?.address;
    const addresses = ['127.0.0.2', ...(external ? [external] : [])];
    for (const address of addresses) {
      const result = await connect({ address });
      expect(result.ws, address).toBeUndefined();
      expect(result.error, address).toBe('ECONNREFUSED');
    }
  });

  it('refuses plain HTTP requests with a rebinding Host', async () => {
    const status = await new Promise<number | undefined>((resolve) => {
      request(
        { host: '127.0.0.1', port: serve.port, path: '/', headers: { host: `evil.example:${serve.port}` } },
        (response) => {
          response.resume();
          resolve(response.statusCode);
        },
      ).end();
    });
    expect(status).toBe(421);
  });

  it.each([
    ['an unknown call', 'projects.delete', {}],
    ['a prototype key as call name', '__proto__', {}],
    ['an input with an extra key', 'settings.get', { extra: 1 }],
    ['an input of the wrong type', 'projects.get', { namespace: 42 }],
    ['a namespace that is not a DNS label', 'projects.get', { namespace: '../../etc' }],
    ['a settings patch with a bad URL', 'settings.update', { patch: { githubUrl: 'http://evil.example' } }],
    ['a missing input', 'kube.useContext', undefined],
  ])('answers %s with invalid-input', async (_name, name, input) => {
    const ws = await open();
    const result = await call(ws, 7, name, input);
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid-input');
    ws.close();
  });

  it('closes a socket that sends something other than a call', async () => {
    const ws = await open();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1008);
  });

  it('pushes events to every authenticated socket', async () => {
    const sockets = await Promise.all([open(), open()]);
    const received = sockets.map(
      (ws) => new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString())))),
    );
    const status = await host.handlers['app.status'](
      {},
      { transport: 'serve', signal: new AbortController().signal },
    );
    host.events.emit('onStatusChanged', status);
    for (const message of await Promise.all(received))
      expect(message).toEqual({ type: 'event', event: 'onStatusChanged', payload: status });
    for (const ws of sockets) ws.close();
  });

  it('never writes the token to the log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(token);
  });
});
