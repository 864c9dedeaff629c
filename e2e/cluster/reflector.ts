import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeApiError, type KubeHttp } from './kube-http.ts';

export interface KubeObject {
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly uid: string;
    readonly resourceVersion: string;
    readonly deletionTimestamp?: string;
  };
}

export type ReflectorEvent = 'added' | 'updated' | 'deleted';

export interface ReflectorOptions<T extends KubeObject> {
  readonly http: KubeHttp;
  /** Collection path, e.g. `/api/v1/pods`. */
  readonly path: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly onEvent: (event: ReflectorEvent, object: T) => void;
  readonly onError?: (error: unknown) => void;
  readonly pageSize?: number;
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/**
 * client-go's reflector, small: list (paged), then watch from the list's resourceVersion with bookmarks;
 * when the watch ends it resumes from the last version seen, on 410 Gone it relists and reports the
 * difference, on errors (apiserver down) it retries with back-off. Its store is the simulator's cache.
 */
export class Reflector<T extends KubeObject> {
  readonly store = new Map<string, T>();
  private readonly options: ReflectorOptions<T>;
  private resourceVersion = '';
  private stopped = false;
  private readonly abort = new AbortController();
  private readonly syncedPromise: Promise<void>;
  private markSynced!: () => void;

  constructor(options: ReflectorOptions<T>) {
    this.options = options;
    this.syncedPromise = new Promise((resolve) => (this.markSynced = resolve));
  }

  /** Resolves after the first complete list. */
  get synced(): Promise<void> {
    return this.syncedPromise;
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private query(extra: Record<string, string | number | boolean>) {
    return {
      ...(this.options.labelSelector ? { labelSelector: this.options.labelSelector } : {}),
      ...(this.options.fieldSelector ? { fieldSelector: this.options.fieldSelector } : {}),
      ...extra,
    };
  }

  private async run(): Promise<void> {
    let delay = 200;
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) await this.relist();
        this.markSynced();
        await this.watchOnce();
        delay = 200;
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof KubeApiError && error.status === 410) {
          this.resourceVersion = '';
          continue;
        }
        this.options.onError?.(error);
        await sleep(delay, undefined, { signal: this.abort.signal }).catch(() => {});
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  private async relist(): Promise<void> {
    const fresh = new Map<string, T>();
    let continueToken: string | undefined;
    let listVersion: string;
    do {
      const page = await this.options.http.request<{
        items: T[];
        metadata: { resourceVersion: string; continue?: string };
      }>('GET', this.options.path, {
        query: this.query({
          limit: this.options.pageSize ?? 500,
          ...(continueToken ? { continue: continueToken } : {}),
        }),
        signal: this.abort.signal,
      });
      for (const item of page.items) fresh.set(keyOf(item), item);
      continueToken = page.metadata.continue || undefined;
      listVersion = page.metadata.resourceVersion;
    } while (continueToken);
    for (const [key, old] of this.store) {
      if (!fresh.has(key)) {
        this.store.delete(key);
        this.options.onEvent('deleted', old);
      }
    }
    for (const [key, item] of fresh) {
      const old = this.store.get(key);
      this.store.set(key, item);
      if (!old) this.options.onEvent('added', item);
      else if (old.metadata.resourceVersion !== item.metadata.resourceVersion)
        this.options.onEvent('updated', item);
    }
    this.resourceVersion = listVersion;
  }

  private async watchOnce(): Promise<void> {
    const response = await this.options.http.stream(this.options.path, {
      query: this.query({
        watch: true,
        allowWatchBookmarks: true,
        resourceVersion: this.resourceVersion,
        // Like client-go: end the watch at a random point so load spreads and stale connections rotate.
        timeoutSeconds: 300 + Math.floor(Math.random() * 300),
      }),
      signal: this.abort.signal,
    });
    const lines = createInterface({ input: response, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (!line) continue;
        const event = JSON.parse(line) as { type: string; object: T & { code?: number } };
        if (event.type === 'ERROR') {
          const code = event.object.code ?? 0;
          throw new KubeApiError('WATCH', this.options.path, code, JSON.stringify(event.object));
        }
        this.resourceVersion = event.object.metadata.resourceVersion;
        if (event.type === 'BOOKMARK') continue;
        const key = keyOf(event.object);
        if (event.type === 'DELETED') {
          this.store.delete(key);
          this.options.onEvent('deleted', event.object);
        } else {
          const existed = this.store.has(key);
          this.store.set(key, event.object);
          this.options.onEvent(existed ? 'updated' : 'added', event.object);
        }
      }
    } finally {
      lines.close();
      response.destroy();
    }
  }
}
