import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WIRE_PROTOCOL, type WireEvent, type WireMessage } from '../../../shared/contract/wire.ts';
import { fail } from '../../../shared/contract/result.ts';
import { dispatchCall } from '../contract/dispatch-call.ts';
import type { DeskHost } from '../host/desk-host.ts';
import { createLogger } from '../log/logger.ts';
import { startServeServer } from './serve-server.ts';
import { createServeToken } from './serve-token.ts';
import { checkUpgrade } from './upgrade-gate.ts';

const log = createLogger('serve');

/** Calls carry small inputs; a bigger frame is an attack or a bug. */
const MAX_INCOMING_FRAME_BYTES = 1024 * 1024;
/** A socket that stops reading (a frozen tab) is dropped rather than buffered without bound; it reconnects. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface ServeModeOptions {
  readonly host: DeskHost;
  /** Folder holding the built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
}

export interface RunningServeMode {
  /** `http://127.0.0.1:PORT/#token=…`: print it once; it is the only place the token appears. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request' }[
    status
  ];
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

function parseCall(data: string): { id: number; call: unknown; input: unknown } | undefined {
  try {
    const message = JSON.parse(data) as Record<string, unknown>;
    if (message?.['type'] !== 'call' || !Number.isSafeInteger(message['id'])) return undefined;
    return { id: message['id'] as number, call: message['call'], input: message['input'] };
  } catch {
    return undefined;
  }
}

/**
 * Serve mode: the built renderer and the contract over a WebSocket, on 127.0.0.1 only. A per-launch
 * token, handed over in the URL's fragment (never sent in a request line, so never in a log or Referer),
 * must be offered on the upgrade; Host and Origin must be this server's own. Calls take the same path as
 * IPC (zod parsing, the handler map, Result); events go to every authenticated socket.
 */
export async function startServeMode(options: ServeModeOptions): Promise<RunningServeMode> {
  const http = await startServeServer({ rendererDir: options.rendererDir, port: options.port });
  const host = `127.0.0.1:${http.port}`;
  const origin = `http://${host}`;
  const token = createServeToken();
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_INCOMING_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(WIRE_PROTOCOL) ? WIRE_PROTOCOL : false),
  });

  http.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkUpgrade(request, request.socket.remoteAddress, { host, origin, token });
    if (!verdict.allowed) {
      log.warn('refused a WebSocket upgrade', { status: verdict.status, reason: verdict.reason });
      return refuseUpgrade(socket, verdict.status, verdict.reason);
    }
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws));
  });

  function accept(ws: WebSocket): void {
    sockets.add(ws);
    const closed = new AbortController();
    ws.on('close', () => {
      sockets.delete(ws);
      closed.abort();
    });
    ws.on('message', (data, isBinary) => {
      const call = isBinary ? undefined : parseCall(data.toString());
      if (!call) return ws.close(1008, 'malformed message');
      void dispatchCall(options.host.handlers, call.call, call.input, {
        transport: 'serve',
        signal: closed.signal,
      })
        .catch(() => fail('internal', 'The call failed.'))
        .then((result) =>
          send(ws, JSON.stringify({ type: 'result', id: call.id, result } satisfies WireMessage)),
        );
    });
  }

  function send(ws: WebSocket, text: string): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      log.warn('dropped a socket that stopped reading');
      ws.terminate();
      return;
    }
    ws.send(text);
  }

  const unsubscribe = options.host.events.subscribe((event) => {
    if (sockets.size === 0) return;
    const text = JSON.stringify({
      type: 'event',
      event: event.name,
      payload: event.payload,
    } satisfies WireEvent);
    for (const ws of sockets) send(ws, text);
  });

  log.info('serve mode listening', { origin });
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port: http.port,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.close(1001, 'server closing');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await http.close();
    },
  };
}
