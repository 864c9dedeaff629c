import type { KubeConfig } from '@kubernetes/client-node';
import type { IncomingMessage } from 'node:http';
import { Agent, request as httpsRequest, type RequestOptions } from 'node:https';

/** An error answer of the apiserver, with its `Status` reason when it sent one. */
export class KubeApiError extends Error {
  readonly status: number;
  readonly reason: string | undefined;
  constructor(method: string, path: string, status: number, body: string) {
    let message = body.slice(0, 500);
    let reason: string | undefined;
    try {
      const parsed = JSON.parse(body) as { message?: string; reason?: string };
      message = parsed.message ?? message;
      reason = parsed.reason;
    } catch {
      // not a Status object
    }
    super(`${method} ${path}: ${status} ${message}`);
    this.name = 'KubeApiError';
    this.status = status;
    this.reason = reason;
  }
}

export interface KubeRequestOptions {
  readonly body?: unknown;
  readonly contentType?: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly signal?: AbortSignal;
}

export interface KubeHttp {
  readonly server: string;
  /** A JSON request; non-2xx answers throw KubeApiError. */
  request<T = unknown>(method: string, path: string, options?: KubeRequestOptions): Promise<T>;
  /** A streaming GET (watches): the response once headers arrived, 200 only. */
  stream(path: string, options?: KubeRequestOptions): Promise<IncomingMessage>;
  close(): void;
}

export interface TlsIdentity {
  readonly server: string;
  readonly ca?: string | Buffer;
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
}

/**
 * A small JSON client over node:https for the harness and the node simulator: raw objects (no model
 * classes, no date conversion), any patch content type, keep-alive sockets. The product uses
 * @kubernetes/client-node; this is the simulator's own, so its load and behaviour do not depend on it.
 */
export function kubeHttp(identity: TlsIdentity, maxSockets = 32): KubeHttp {
  const base = new URL(identity.server);
  const agent = new Agent({
    keepAlive: true,
    maxSockets,
    ...(identity.ca ? { ca: identity.ca } : {}),
    ...(identity.cert ? { cert: identity.cert } : {}),
    ...(identity.key ? { key: identity.key } : {}),
  });

  function send(method: string, path: string, options: KubeRequestOptions): Promise<IncomingMessage> {
    const url = new URL(path, base);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const requestOptions: RequestOptions = {
      method,
      agent,
      headers: {
        accept: 'application/json',
        ...(payload === undefined
          ? {}
          : {
              'content-type': options.contentType ?? 'application/json',
              'content-length': Buffer.byteLength(payload),
            }),
      },
      ...(options.signal ? { signal: options.signal } : {}),
    };
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, requestOptions, resolve);
      req.once('error', reject);
      req.end(payload);
    });
  }

  async function readBody(response: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  return {
    server: identity.server,
    async request<T>(method: string, path: string, options: KubeRequestOptions = {}): Promise<T> {
      const response = await send(method, path, options);
      const body = await readBody(response);
      const status = response.statusCode ?? 0;
      if (status < 200 || status >= 300) throw new KubeApiError(method, path, status, body);
      if (!body) return undefined as T;
      // /readyz, /livez and /version answer text or JSON; the API answers JSON.
      return (String(response.headers['content-type']).includes('json') ? JSON.parse(body) : body) as T;
    },
    async stream(path: string, options: KubeRequestOptions = {}): Promise<IncomingMessage> {
      const response = await send('GET', path, options);
      const status = response.statusCode ?? 0;
      if (status !== 200) throw new KubeApiError('GET', path, status, await readBody(response));
      return response;
    },
    close() {
      agent.destroy();
    },
  };
}

/** The same client, with the identity of a KubeConfig's current context (client certificates only). */
export async function kubeHttpFromConfig(config: KubeConfig, maxSockets?: number): Promise<KubeHttp> {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  const tls: { ca?: string | Buffer; cert?: string | Buffer; key?: string | Buffer } = {};
  await config.applyToHTTPSOptions(tls as Parameters<KubeConfig['applyToHTTPSOptions']>[0]);
  return kubeHttp({ server: cluster.server, ...tls }, maxSockets);
}
