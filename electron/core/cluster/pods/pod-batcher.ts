import type { PodChangeBatch, PodCounts, PodEvent, PodInfo } from '../../../../shared/domain/cluster.ts';
import { createThrottle } from '../../util/throttle.ts';
import type { EventObject, PodObject } from '../kube-objects.ts';
import { emptyPodCounts, podCountsByNamespace, toPodInfo } from '../pod-state.ts';
import { toPodEvent } from '../projects/project-detail.ts';

/** Read access to an informer's cache (client-node's ObjectCache). */
export interface ObjectStore<T> {
  get(name: string, namespace?: string): T | undefined;
  list(namespace?: string): readonly T[];
}

export interface PodBatcherOptions {
  readonly context: string;
  readonly pods: ObjectStore<PodObject>;
  readonly events: ObjectStore<EventObject>;
  /** The project namespaces (of the last audit): only their pods and events reach the UI. */
  readonly projectNamespaces: () => ReadonlySet<string>;
  readonly emit: (batch: PodChangeBatch) => void;
  /** At most one batch per interval (default 100 ms). */
  readonly intervalMs?: number;
}

export interface PodBatcher {
  podChanged(namespace: string, name: string): void;
  eventChanged(namespace: string, name: string): void;
  /**
   * A cache holds a full list now. The first time: what that LIST delivered is the starting point, not
   * news; for pods, the initial batch goes out and changes start flowing.
   */
  listed(cache: 'pods' | 'events'): void;
  /** Live counts of a namespace, once synced. */
  counts(namespace: string): PodCounts | undefined;
  stop(): void;
}

const NO_REPLICA_SETS: ReadonlyMap<string, string> = new Map();
const key = (namespace: string, name: string) => `${namespace}/${name}`;

/**
 * Coalesces watch changes into batches for the UI: changes only mark objects dirty; a flush (≤ one per
 * interval, after the current burst of watch callbacks) reads their current state from the caches and
 * sends what differs from what was last sent. Intermediate states and no-op updates (a relist, a status
 * write that changes nothing the panel shows) never leave the main process.
 */
export function createPodBatcher(options: PodBatcherOptions): PodBatcher {
  const dirtyPods = new Map<string, { namespace: string; name: string }>();
  const dirtyEvents = new Map<string, { namespace: string; name: string }>();
  const sentPods = new Map<string, string>();
  const sentCounts = new Map<string, string>();
  let sequence = 0;
  let isSynced = false;
  let eventsListed = false;
  let stopped = false;
  let tickPending = false;

  const countsOf = (namespace: string): PodCounts =>
    podCountsByNamespace(options.pods.list(namespace)).get(namespace) ?? emptyPodCounts();

  function send(batch: Omit<PodChangeBatch, 'context' | 'sequence'>): void {
    sequence += 1;
    options.emit({ context: options.context, sequence, ...batch });
  }

  function flush(): void {
    if (stopped) return;
    const projects = options.projectNamespaces();
    const namespaces = new Set<string>();
    const upserted: PodInfo[] = [];
    const removed: { namespace: string; name: string }[] = [];
    for (const [id, { namespace, name }] of dirtyPods) {
      if (!projects.has(namespace)) continue;
      namespaces.add(namespace);
      const pod = options.pods.get(name, namespace);
      if (!pod) {
        sentPods.delete(id);
        removed.push({ namespace, name });
        continue;
      }
      const info = toPodInfo(pod, NO_REPLICA_SETS);
      const text = JSON.stringify(info);
      if (sentPods.get(id) === text) continue;
      sentPods.set(id, text);
      upserted.push(info);
    }
    const events: PodEvent[] = [];
    for (const { namespace, name } of dirtyEvents.values()) {
      const object = projects.has(namespace) ? options.events.get(name, namespace) : undefined;
      const event = object && toPodEvent(object);
      if (event) events.push(event);
    }
    dirtyPods.clear();
    dirtyEvents.clear();
    const projectPods: Record<string, PodCounts> = {};
    for (const namespace of namespaces) {
      const counts = countsOf(namespace);
      const text = JSON.stringify(counts);
      if (sentCounts.get(namespace) === text) continue;
      sentCounts.set(namespace, text);
      projectPods[namespace] = counts;
    }
    if (upserted.length + removed.length + events.length + Object.keys(projectPods).length === 0) return;
    send({ initial: false, projectPods, upserted, removed, events });
  }

  const throttle = createThrottle(flush, options.intervalMs ?? 100);
  // A relist or a busy watch delivers many callbacks in one go: let them all land before the first flush.
  function schedule(): void {
    if (!isSynced || tickPending || stopped) return;
    tickPending = true;
    setImmediate(() => {
      tickPending = false;
      throttle.touch();
    });
  }

  return {
    podChanged(namespace, name) {
      dirtyPods.set(key(namespace, name), { namespace, name });
      schedule();
    },
    eventChanged(namespace, name) {
      if (!eventsListed) return;
      dirtyEvents.set(key(namespace, name), { namespace, name });
      schedule();
    },
    listed(cache) {
      if (cache === 'events') {
        eventsListed = true;
        return;
      }
      if (isSynced || stopped) return;
      isSynced = true;
      dirtyPods.clear();
      const projectPods: Record<string, PodCounts> = {};
      for (const namespace of options.projectNamespaces()) {
        const counts = countsOf(namespace);
        sentCounts.set(namespace, JSON.stringify(counts));
        projectPods[namespace] = counts;
      }
      send({ initial: true, projectPods, upserted: [], removed: [], events: [] });
    },
    counts: (namespace) => (isSynced ? countsOf(namespace) : undefined),
    stop() {
      stopped = true;
    },
  };
}
