import { createHash } from 'node:crypto';
import type { RequestOptions } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { Agent, fetch } from 'undici';
import { rememberSecret } from '../log/secret-redactor.ts';
import { describeCredentialFailure, describeUnreachable, KubeApiError } from './kube-errors.ts';
import { DeskError } from '../../../shared/contract/result.ts';

export type KubeMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const CONTENT_TYPES = {
  json: 'application/json',
  mergePatch: 'application/merge-patch+json',
  strategicMergePatch: 'application/strategic-merge-patch+json',
  applyPatch: 'application/apply-patch+yaml',
} as const;

export interface KubeRequest {
  readonly method?: KubeMethod;
  /** API path, e.g. `/api/v1/namespaces/x/secrets/y`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
}

export interface KubeListOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Items per page (`limit`); the apiserver hands back a `continue` token for the rest. */
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

export interface KubeList<T> {
  readonly items: T[];
  /** resourceVersion of the list: where a watch continues from. */
  readonly resourceVersion: string;
}

export interface KubeRequestStats {
  readonly requests: number;
  readonly byMethod: Readonly<Record<string, number>>;
  /** 429 answers that were waited out and retried. */
  readonly throttled: number;
}

export interface KubeClient {
  readonly context: string;
  readonly server: string;
  /** A copy of the kubeconfig pinned to `context`, for client-node informers. */
  readonly kubeConfig: KubeConfig;
  /** One API call; a non-2xx answer throws KubeApiError, a transport failure a DeskError(cluster-unreachable). */
  request<T>(request: KubeRequest): Promise<T>;
  /** A whole collection, page by page (never one request per namespace: use cluster-wide paths). */
  list<T>(path: string, options?: KubeListOptions): Promise<KubeList<T>>;
  stats(): KubeRequestStats;
  close(): Promise<void>;
}

export interface KubeClientOptions {
  /** Per request (default 30 s). */
  readonly timeoutMs?: number;
  /** How many 429 Too Many Requests answers one request waits out before failing (default 10, as client-go). */
  readonly maxThrottleRetries?: number;
  /** Keep-alive connections to the apiserver (default 32). */
  readonly connections?: number;
  readonly userAgent?: string;
  /** Waits (injectable so tests need not sleep). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const DEFAULT_PAGE_SIZE = 500;
const MAX_RETRY_AFTER_SECONDS = 60;

function pinnedCopy(source: KubeConfig, context: string): KubeConfig {
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: source.getClusters(),
    users: source.getUsers(),
    contexts: source.getContexts(),
    currentContext: context,
  });
  return copy;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The product's way to the Kubernetes API. Credentials come from client-node (tokens, client certificates,
 * exec and OIDC plugins), but requests go through one keep-alive connection pool per TLS identity:
 * client-node 2.0.1 builds a new undici Agent for every call, which costs a TLS handshake per request and
 * makes a bulk re-sync of a thousand namespaces needlessly slow. Every request is counted (benchmarks,
 * audits), 429s are waited out with the server's Retry-After (client-node has no throttling of its own),
 * and failures become sentences an operator can act on.
 */
export function createKubeClient(
  source: KubeConfig,
  context: string,
  options: KubeClientOptions = {},
): KubeClient {
  const kubeConfig = pinnedCopy(source, context);
  const cluster = kubeConfig.getCurrentCluster();
  const user = kubeConfig.getCurrentUser();
  if (!cluster)
    throw new DeskError('kubeconfig-invalid', `The context "${context}" names no cluster in the kubeconfig.`);
  const server = cluster.server.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxThrottleRetries = options.maxThrottleRetries ?? 10;
  const sleep = options.sleep ?? abortableSleep;
  const agents = new Map<string, Agent>();
  const byMethod: Record<string, number> = {};
  let requests = 0;
  let throttled = 0;

  async function connectionFor(): Promise<{ agent: Agent; headers: Record<string, string> }> {
    const tls: RequestOptions = {};
    try {
      await kubeConfig.applyToHTTPSOptions(tls);
    } catch (error) {
      throw new DeskError(
        'kubeconfig-invalid',
        describeCredentialFailure(user?.name ?? '?', user?.exec?.command, error),
      );
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(tls.headers ?? {})) {
      if (value !== undefined) headers[name.toLowerCase()] = String(value);
    }
    if (tls.auth) headers['authorization'] = `Basic ${Buffer.from(tls.auth).toString('base64')}`;
    if (headers['authorization']) rememberSecret(headers['authorization'].replace(/^\w+\s+/, ''));
    // Exec plugins may hand out client certificates that rotate: one pool per distinct TLS identity.
    const identity = createHash('sha256')
      .update(String(tls.ca ?? ''))
      .update(String(tls.cert ?? ''))
      .update(String(tls.key ?? ''))
      .update(String(tls.rejectUnauthorized ?? ''))
      .digest('hex');
    let agent = agents.get(identity);
    if (!agent) {
      agent = new Agent({
        connections: options.connections ?? 32,
        keepAliveTimeout: 30_000,
        connect: {
          ...(tls.ca ? { ca: tls.ca } : {}),
          ...(tls.cert ? { cert: tls.cert } : {}),
          ...(tls.key ? { key: tls.key } : {}),
          ...(tls.rejectUnauthorized !== undefined ? { rejectUnauthorized: tls.rejectUnauthorized } : {}),
          ...(tls.servername ? { servername: tls.servername } : {}),
        },
      });
      agents.set(identity, agent);
    }
    return { agent, headers };
  }

  function urlOf(request: KubeRequest): string {
    const url = new URL(server + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  async function once<T>(request: KubeRequest, method: KubeMethod): Promise<T> {
    const { agent, headers } = await connectionFor();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    requests += 1;
    byMethod[method] = (byMethod[method] ?? 0) + 1;
    const transportFailure = (error: unknown) => {
      if (request.signal?.aborted) return new DeskError('cancelled', 'Cancelled.');
      const cause = timeout.aborted ? Object.assign(new Error('timeout'), { code: 'timeout' }) : error;
      return new DeskError('cluster-unreachable', describeUnreachable(server, cause, timeoutMs));
    };
    let response: Awaited<ReturnType<typeof fetch>>;
    try {
      response = await fetch(urlOf(request), {
        method,
        dispatcher: agent,
        signal,
        headers: {
          ...headers,
          accept: 'application/json',
          'user-agent': options.userAgent ?? 'ghcr-desk',
          ...(request.body !== undefined
            ? { 'content-type': request.contentType ?? CONTENT_TYPES.json }
            : {}),
        },
        ...(request.body !== undefined
          ? { body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) }
          : {}),
      });
    } catch (error) {
      throw transportFailure(error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // The connection died after the headers (an apiserver killed mid-answer): undici says "terminated".
      throw transportFailure(error);
    }
    if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
    let status: { reason?: string; message?: string; details?: { retryAfterSeconds?: number } } = {};
    try {
      status = JSON.parse(text) as typeof status;
    } catch {
      // Not a Status object (a proxy in front of the apiserver, say): keep the raw text as the message.
    }
    const retryAfter = Number(response.headers.get('retry-after') ?? status.details?.retryAfterSeconds);
    throw new KubeApiError(
      response.status,
      status.reason ?? String(response.status),
      status.message ?? (text.slice(0, 300) || `HTTP ${response.status} from ${server}`),
      Number.isFinite(retryAfter) ? retryAfter : undefined,
    );
  }

  async function request<T>(request: KubeRequest): Promise<T> {
    const method = request.method ?? 'GET';
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await once<T>(request, method);
      } catch (error) {
        if (!(error instanceof KubeApiError) || error.status !== 429 || attempt >= maxThrottleRetries)
          throw error;
        throttled += 1;
        const seconds = Math.min(error.retryAfterSeconds ?? 2 ** attempt, MAX_RETRY_AFTER_SECONDS);
        // Everyone throttled at once hears the same Retry-After: spread the retries, or they collide again.
        const jitterMs = Math.random() * 1000 * Math.min(attempt + 1, 4);
        await sleep(seconds * 1000 + jitterMs, request.signal);
      }
    }
  }

  async function list<T>(path: string, listOptions: KubeListOptions = {}): Promise<KubeList<T>> {
    const items: T[] = [];
    let next: string | undefined;
    let resourceVersion = '';
    do {
      try {
        const page = await request<{
          items?: T[];
          metadata?: { continue?: string; resourceVersion?: string };
        }>({
          path,
          query: {
            labelSelector: listOptions.labelSelector,
            fieldSelector: listOptions.fieldSelector,
            limit: listOptions.pageSize ?? DEFAULT_PAGE_SIZE,
            continue: next,
          },
          ...(listOptions.signal ? { signal: listOptions.signal } : {}),
        });
        items.push(...(page.items ?? []));
        next = page.metadata?.continue || undefined;
        resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      } catch (error) {
        // A continue token expires with etcd compaction (410 Gone): the listing starts over, consistently.
        if (error instanceof KubeApiError && error.status === 410 && next) {
          items.length = 0;
          next = undefined;
          continue;
        }
        throw error;
      }
    } while (next);
    return { items, resourceVersion };
  }

  return {
    context,
    server,
    kubeConfig,
    request,
    list,
    stats: () => ({ requests, byMethod: { ...byMethod }, throttled }),
    close: async () => {
      await Promise.all([...agents.values()].map((agent) => agent.close()));
      agents.clear();
    },
  };
}
