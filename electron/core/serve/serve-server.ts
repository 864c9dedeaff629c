import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRendererFile, rendererResponseHeaders } from './renderer-files.ts';
import { isLoopbackAddress } from './upgrade-gate.ts';

export interface ServeServerOptions {
  /** Folder holding the built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
}

export interface RunningServeServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

/**
 * Serve mode's HTTP side: the built renderer on 127.0.0.1 only. Requests whose Host is not this exact
 * loopback address and port are refused, which defeats DNS rebinding.
 */
export async function startServeServer(options: ServeServerOptions): Promise<RunningServeServer> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const expectedHost = `${LOOPBACK}:${port}`;

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void handleRequest(request, response);
  });
  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isLoopbackAddress(request.socket.remoteAddress)) return refuse(response, 403, 'Forbidden');
    if (request.headers.host !== expectedHost)
      return refuse(response, 421, 'Misdirected request: unexpected Host header');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refuse(response, 405, 'Method not allowed');
    const pathname = new URL(request.url ?? '/', `http://${expectedHost}`).pathname;
    const file = await readRendererFile(options.rendererDir, pathname);
    if (!file) return refuse(response, 404, 'Not found');
    response.writeHead(200, rendererResponseHeaders(file.contentType));
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  return {
    url: `http://${expectedHost}/`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(message);
}
