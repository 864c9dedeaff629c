import type { RestartResult } from '../../../../shared/domain/cluster.ts';
import type { KubeClient } from '../kube-client.ts';
import type { PodObject, ReplicaSetObject } from '../kube-objects.ts';
import { deploymentsOfReplicaSets, podWorkload, pullErrorImages } from '../pod-state.ts';
import { imageSource } from '../projects/image-reference.ts';
import { restartWorkloads, type RestartOptions, type WorkloadName } from './workload-restart.ts';

export interface StuckWorkload {
  readonly namespace: string;
  readonly workload: WorkloadName;
}

export interface StuckQuery {
  /** Namespaces to look in. */
  readonly namespaces: readonly string[];
  /** Only pull errors of images from this registry host count (the ones a pull secret can fix). */
  readonly registryHost?: string;
  readonly signal?: AbortSignal;
}

/**
 * Workloads with a pod stuck in a pull error, through ownerReferences (pod → ReplicaSet → Deployment, or
 * StatefulSet/DaemonSet directly). Two LISTs (pods, replicasets): namespaced for one namespace,
 * cluster-wide for several, never one pair per namespace.
 */
export async function findStuckWorkloads(client: KubeClient, query: StuckQuery): Promise<StuckWorkload[]> {
  if (query.namespaces.length === 0) return [];
  const wanted = new Set(query.namespaces);
  const base = query.namespaces.length === 1 ? `/api/v1/namespaces/${query.namespaces[0]}` : '/api/v1';
  const appsBase =
    query.namespaces.length === 1 ? `/apis/apps/v1/namespaces/${query.namespaces[0]}` : '/apis/apps/v1';
  const signal = query.signal ? { signal: query.signal } : {};
  const [pods, replicaSets] = await Promise.all([
    client.list<PodObject>(`${base}/pods`, signal),
    client.list<ReplicaSetObject>(`${appsBase}/replicasets`, signal),
  ]);
  const owners = deploymentsOfReplicaSets(replicaSets.items);
  const registry = query.registryHost?.toLowerCase();
  const found = new Map<string, StuckWorkload>();
  for (const pod of pods.items) {
    const namespace = pod.metadata.namespace ?? '';
    if (!wanted.has(namespace)) continue;
    const images = pullErrorImages(pod);
    if (images.length === 0) continue;
    if (registry && !images.some((image) => imageSource(image)?.registry === registry)) continue;
    const workload = podWorkload(pod, owners);
    if (!workload) continue; // a bare pod has no controller to roll it
    found.set(`${namespace}/${workload.kind}/${workload.name}`, { namespace, workload });
  }
  return [...found.values()].sort(
    (a, b) =>
      a.namespace.localeCompare(b.namespace) ||
      a.workload.kind.localeCompare(b.workload.kind) ||
      a.workload.name.localeCompare(b.workload.name),
  );
}

/**
 * The re-sync's `restartStuck` step and the reconnect's last one: after secrets are fixed, restart the
 * workloads still stuck on pull errors in those namespaces.
 */
export async function restartStuckWorkloads(
  client: KubeClient,
  query: StuckQuery,
  options: RestartOptions = {},
): Promise<RestartResult[]> {
  const stuck = await findStuckWorkloads(client, query);
  return restartWorkloads(client, stuck, { ...options, ...(query.signal ? { signal: query.signal } : {}) });
}
