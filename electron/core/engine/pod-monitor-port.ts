import type { PodChangeBatch } from '../../../shared/domain/cluster.ts';
import type { KubeClient } from '../cluster/kube-client.ts';

/** A running pod monitor (electron/core/cluster/pods/): informers on one context, batches to the UI. */
export interface RunningPodMonitor {
  stop(): Promise<void>;
}

export type PodMonitorFactory = (options: {
  readonly client: KubeClient;
  readonly onBatch: (batch: PodChangeBatch) => void;
}) => RunningPodMonitor;
