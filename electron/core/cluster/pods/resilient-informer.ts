import { ListWatch, Watch, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { createLogger } from '../../log/logger.ts';
import { describeError } from '../../log/secret-redactor.ts';
import type { KubeClient } from '../kube-client.ts';
import type { ObjectMeta } from '../kube-objects.ts';
import type { ObjectStore } from './pod-batcher.ts';

export type InformerChange = 'add' | 'update' | 'delete';

export interface InformerStats {
  /** Full LISTs: the first one, and a relist after every 410 Gone. */
  readonly lists: number;
  /** Watch requests, including client-node's silent reconnects after a server close or 30 s of quiet. */
  readonly watches: number;
  /** Failures that stopped the informer (connection refused, 5xx, 403…); each was followed by a restart. */
  readonly errors: number;
}

export interface ResilientInformerOptions<T> {
  readonly client: KubeClient;
  /** Collection path, cluster-wide (e.g. `/api/v1/pods`). */
  readonly path: string;
  readonly fieldSelector?: string;
  readonly onChange: (change: InformerChange, object: T) => void;
  /** After every successful LIST (the first sync and each relist). */
  readonly onListed?: () => void;
  /** Restart back-off after an error: doubles from `initialMs` to `maxMs`, with jitter. */
  readonly backOff?: { readonly initialMs?: number; readonly maxMs?: number };
}

export interface ResilientInformer<T> {
  readonly store: ObjectStore<T>;
  /** LIST, then watch; failures restart it with back-off until `stop`. */
  start(): void;
  stats(): InformerStats;
  stop(): Promise<void>;
}

interface RawObject {
  readonly metadata: ObjectMeta & { managedFields?: unknown };
}

/** managedFields are a large part of every object and the panel never reads them: not kept in memory. */
function lean<T>(object: T): T {
  const metadata = (object as Partial<RawObject> | undefined)?.metadata;
  if (metadata && 'managedFields' in metadata) delete metadata.managedFields;
  return object;
}

interface WatchHooks {
  /** As each watch starts: after a LIST, that is when the cache holds its result. */
  readonly beforeWatch: () => void;
  /** Any line of a watch stream, bookmarks included: the connection works. */
  readonly onLine: () => void;
}

/**
 * client-node's Watch, asking for bookmarks (a quiet watch's resourceVersion stays fresh, so a reconnect
 * resumes instead of relisting) and dropping managedFields before the cache stores an object. A failure
 * before the request (credentials, e.g. an exec plugin) goes to `done` like any other: client-node would
 * let it escape as an unhandled rejection from its reconnect path.
 */
class LeanWatch extends Watch {
  private readonly hooks: WatchHooks;

  constructor(config: KubeConfig, hooks: WatchHooks) {
    super(config);
    this.hooks = hooks;
  }

  override async watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: (phase: string, apiObj: unknown, watchObj?: unknown) => void,
    done: (err: unknown) => void,
  ): Promise<AbortController> {
    this.hooks.beforeWatch();
    try {
      return await super.watch(
        path,
        { ...queryParams, allowWatchBookmarks: true },
        (phase, object, watchObject) => {
          this.hooks.onLine();
          callback(phase, lean(object), watchObject);
        },
        done,
      );
    } catch (error) {
      done(error);
      return new AbortController();
    }
  }
}

/**
 * A client-node informer (ListWatch: list, watch, reconnect on a normal close, relist on 410 Gone) that
 * does not stay down: client-node stops an informer on any other error, so this one restarts it with
 * back-off. LISTs go through the product's kube client (pages, keep-alive, request counting) and objects
 * stay raw JSON, as the rest of the engine reads them.
 */
export function createResilientInformer<T extends RawObject>(
  options: ResilientInformerOptions<T>,
): ResilientInformer<T> {
  const log = createLogger('cluster.informer');
  const initialMs = options.backOff?.initialMs ?? 1_000;
  const maxMs = options.backOff?.maxMs ?? 30_000;
  const counters = { lists: 0, watches: 0, errors: 0 };
  let failures = 0;
  let stopped = false;
  let listed = false;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;

  const listFn = async () => {
    const list = await options.client.list<T>(options.path, {
      ...(options.fieldSelector ? { fieldSelector: options.fieldSelector } : {}),
    });
    counters.lists += 1;
    failures = 0;
    listed = true;
    // The cache's objects are client-node's KubernetesObject; ours are the raw JSON of the same objects.
    return {
      metadata: { resourceVersion: list.resourceVersion },
      items: list.items.map(lean) as unknown as KubernetesObject[],
    };
  };
  const watch = new LeanWatch(options.client.kubeConfig, {
    beforeWatch() {
      counters.watches += 1;
      if (!listed) return;
      listed = false;
      options.onListed?.();
    },
    onLine() {
      failures = 0;
    },
  });
  const informer = new ListWatch<KubernetesObject>(
    options.path,
    watch,
    listFn,
    false,
    undefined,
    options.fieldSelector,
  );
  const forward = (change: InformerChange) => (object: KubernetesObject) =>
    options.onChange(change, object as unknown as T);
  informer.on('add', forward('add'));
  informer.on('update', forward('update'));
  informer.on('delete', forward('delete'));

  function onError(error: unknown): void {
    if (stopped || restartTimer) return;
    counters.errors += 1;
    const delay = Math.min(maxMs, initialMs * 2 ** failures) * (0.75 + Math.random() * 0.5);
    failures += 1;
    log.warn('watch failed; restarting', {
      path: options.path,
      error: describeError(error),
      retryInMs: Math.round(delay),
    });
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      if (!stopped) informer.start().catch(onError);
    }, delay);
  }
  informer.on('error', onError);

  return {
    store: {
      get: (name, namespace) => informer.get(name, namespace) as unknown as T | undefined,
      list: (namespace) => informer.list(namespace) as unknown as readonly T[],
    },
    start() {
      informer.start().catch(onError);
    },
    stats: () => ({ ...counters }),
    async stop() {
      stopped = true;
      if (restartTimer) clearTimeout(restartTimer);
      await informer.stop();
    },
  };
}
