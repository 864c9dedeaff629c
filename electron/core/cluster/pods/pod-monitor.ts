import type { PodChangeBatch, PodCounts } from '../../../../shared/domain/cluster.ts';
import type { KubeClient } from '../kube-client.ts';
import type { EventObject, PodObject } from '../kube-objects.ts';
import { createPodBatcher } from './pod-batcher.ts';
import { createResilientInformer, type InformerStats } from './resilient-informer.ts';

export interface PodMonitorOptions {
  readonly client: KubeClient;
  /** The project namespaces of the last audit; read at every flush, so new projects join unasked. */
  readonly projectNamespaces: () => ReadonlySet<string>;
  readonly onBatch: (batch: PodChangeBatch) => void;
  /** At most one batch per interval (default 100 ms). */
  readonly batchIntervalMs?: number;
  /** Restart back-off of a failed watch (default 1 s doubling to 30 s). */
  readonly backOff?: { readonly initialMs?: number; readonly maxMs?: number };
}

export interface PodMonitor {
  /** Live counts of a namespace from the watch's cache; undefined until the first LIST is in. */
  podCounts(namespace: string): PodCounts | undefined;
  stats(): { readonly pods: InformerStats; readonly events: InformerStats };
  stop(): Promise<void>;
}

/** Warning Events about pods: where kubelet says why a pull failed. */
export const POD_WARNINGS_SELECTOR = 'type=Warning,involvedObject.kind=Pod';

/**
 * Live pods of one kube context: two cluster-wide informers (pods; Warning Events about pods) feeding one
 * batcher, so the UI gets at most one batch per ~100 ms with only what changed — never a poll and never
 * one watch per namespace.
 */
export function startPodMonitor(options: PodMonitorOptions): PodMonitor {
  const common = {
    client: options.client,
    ...(options.backOff ? { backOff: options.backOff } : {}),
  };
  // The callbacks run once the informers have started, below, when `batcher` exists.
  const pods = createResilientInformer<PodObject>({
    ...common,
    path: '/api/v1/pods',
    onChange: (_change, pod) => batcher.podChanged(pod.metadata.namespace ?? '', pod.metadata.name),
    onListed: () => batcher.listed('pods'),
  });
  const events = createResilientInformer<EventObject>({
    ...common,
    path: '/api/v1/events',
    fieldSelector: POD_WARNINGS_SELECTOR,
    onChange: (_change, event) => batcher.eventChanged(event.metadata.namespace ?? '', event.metadata.name),
    onListed: () => batcher.listed('events'),
  });
  const batcher = createPodBatcher({
    context: options.client.context,
    pods: pods.store,
    events: events.store,
    projectNamespaces: options.projectNamespaces,
    emit: options.onBatch,
    ...(options.batchIntervalMs ? { intervalMs: options.batchIntervalMs } : {}),
  });
  pods.start();
  events.start();

  return {
    podCounts: (namespace) => batcher.counts(namespace),
    stats: () => ({ pods: pods.stats(), events: events.stats() }),
    async stop() {
      batcher.stop();
      await Promise.all([pods.stop(), events.stop()]);
    },
  };
}
