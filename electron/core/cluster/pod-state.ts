import type { PodCounts, PodInfo, PodPhase, WorkloadKind } from '../../../shared/domain/cluster.ts';
import type { ContainerStatus, PodObject, ReplicaSetObject } from './kube-objects.ts';

/** Waiting reasons that mean "the image cannot be pulled" (kubelet's names). */
export const PULL_ERROR_REASONS: ReadonlySet<string> = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
]);

const PHASES: ReadonlySet<string> = new Set(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);

function statuses(pod: PodObject): readonly ContainerStatus[] {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
}

export function isPodReady(pod: PodObject): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Images of the pod's containers that wait in ErrImagePull / ImagePullBackOff / InvalidImageName. */
export function pullErrorImages(pod: PodObject): string[] {
  const images = new Map<string, string>();
  for (const container of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])])
    if (container.image) images.set(container.name, container.image);
  return statuses(pod)
    .filter((s) => PULL_ERROR_REASONS.has(s.state?.waiting?.reason ?? ''))
    .map((s) => images.get(s.name) ?? s.image ?? '');
}

export function hasPullError(pod: PodObject): boolean {
  return pullErrorImages(pod).length > 0;
}

/** Completed pods (a Job's, an evicted one) say nothing about whether the project runs. */
function isTerminated(pod: PodObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export function emptyPodCounts(): PodCounts {
  return { total: 0, ready: 0, pullErrors: 0 };
}

/** ready/total and pull errors per namespace, from one cluster-wide pod LIST. */
export function podCountsByNamespace(pods: readonly PodObject[]): Map<string, PodCounts> {
  const counts = new Map<string, { total: number; ready: number; pullErrors: number }>();
  for (const pod of pods) {
    if (isTerminated(pod)) continue;
    const namespace = pod.metadata.namespace ?? '';
    const entry = counts.get(namespace) ?? { total: 0, ready: 0, pullErrors: 0 };
    entry.total += 1;
    if (isPodReady(pod)) entry.ready += 1;
    if (hasPullError(pod)) entry.pullErrors += 1;
    counts.set(namespace, entry);
  }
  return counts;
}

/** `namespace/replicaset` → the Deployment that controls it, from a ReplicaSet LIST. */
export function deploymentsOfReplicaSets(replicaSets: readonly ReplicaSetObject[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const rs of replicaSets) {
    const owner = rs.metadata.ownerReferences?.find((ref) => ref.controller && ref.kind === 'Deployment');
    if (owner) owners.set(`${rs.metadata.namespace ?? ''}/${rs.metadata.name}`, owner.name);
  }
  return owners;
}

/** The workload a pod belongs to: its controller, or the Deployment behind its ReplicaSet. */
export function podWorkload(
  pod: PodObject,
  replicaSetOwners: ReadonlyMap<string, string>,
): { kind: WorkloadKind; name: string } | undefined {
  const controller = pod.metadata.ownerReferences?.find((ref) => ref.controller);
  if (!controller) return undefined;
  if (controller.kind === 'StatefulSet' || controller.kind === 'DaemonSet')
    return { kind: controller.kind, name: controller.name };
  if (controller.kind === 'ReplicaSet') {
    const deployment =
      replicaSetOwners.get(`${pod.metadata.namespace ?? ''}/${controller.name}`) ??
      deploymentByReplicaSetName(pod, controller.name);
    if (deployment) return { kind: 'Deployment', name: deployment };
  }
  return undefined;
}

/**
 * The Deployment controller names its ReplicaSets `<deployment>-<pod-template-hash>` and labels their
 * pods with that hash, so the name is known without reading the ReplicaSet (the live pod watch has none).
 */
function deploymentByReplicaSetName(pod: PodObject, replicaSet: string): string | undefined {
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (!hash || !replicaSet.endsWith(`-${hash}`)) return undefined;
  return replicaSet.slice(0, -hash.length - 1) || undefined;
}

/** What the panel shows of a pod. */
export function toPodInfo(pod: PodObject, replicaSetOwners: ReadonlyMap<string, string>): PodInfo {
  const all = pod.status?.containerStatuses ?? [];
  const waiting =
    statuses(pod).find((s) => PULL_ERROR_REASONS.has(s.state?.waiting?.reason ?? '')) ??
    statuses(pod).find((s) => s.state?.waiting?.reason);
  const phase = pod.status?.phase ?? 'Pending';
  const workload = podWorkload(pod, replicaSetOwners);
  return {
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name,
    phase: (PHASES.has(phase) ? phase : 'Unknown') as PodPhase,
    ready: isPodReady(pod),
    readyContainers: all.filter((s) => s.ready).length,
    totalContainers: pod.spec?.containers?.length ?? all.length,
    restarts: all.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    ...(waiting?.state?.waiting?.reason ? { waitingReason: waiting.state.waiting.reason } : {}),
    ...(waiting?.state?.waiting?.message ? { waitingMessage: waiting.state.waiting.message } : {}),
    ...(workload ? { workload } : {}),
    createdAt: pod.metadata.creationTimestamp ?? '',
  };
}
