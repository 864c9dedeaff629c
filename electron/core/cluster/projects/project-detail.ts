import type { PodEvent, PodInfo, Project, ProjectDetail } from '../../../../shared/domain/cluster.ts';
import type { KubeClient } from '../kube-client.ts';
import type { EventObject, PodObject, ReplicaSetObject } from '../kube-objects.ts';
import { currentPodWarnings } from '../../../../shared/domain/pod-warnings.ts';
import { deploymentsOfReplicaSets, toPodInfo } from '../pod-state.ts';

/** Warning Events kept per pod: the latest say why it is stuck; older ones are history. */
const EVENTS_PER_POD = 5;

function lastSeen(event: EventObject): string {
  return (
    event.series?.lastObservedTime ??
    event.lastTimestamp ??
    event.eventTime ??
    event.firstTimestamp ??
    event.metadata.creationTimestamp ??
    ''
  );
}

/** A Warning Event about a pod as the panel shows it; undefined for any other Event. */
export function toPodEvent(event: EventObject): PodEvent | undefined {
  if (event.type !== 'Warning' || event.involvedObject?.kind !== 'Pod') return undefined;
  return {
    namespace: event.involvedObject.namespace ?? event.metadata.namespace ?? '',
    podName: event.involvedObject.name ?? '',
    reason: event.reason ?? '',
    message: event.message ?? '',
    count: event.series?.count ?? event.count ?? 1,
    lastSeen: lastSeen(event),
  };
}

export function toPodEvents(events: readonly EventObject[]): PodEvent[] {
  const byPod = new Map<string, PodEvent[]>();
  for (const object of events) {
    const event = toPodEvent(object);
    if (!event) continue;
    const list = byPod.get(event.podName) ?? [];
    list.push(event);
    byPod.set(event.podName, list);
  }
  return [...byPod.values()]
    .flatMap((list) => list.sort((a, b) => b.lastSeen.localeCompare(a.lastSeen)).slice(0, EVENTS_PER_POD))
    .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
}

/**
 * One project with its pods and their latest Warning Events (the kubelet's pull errors): three LISTs in
 * the namespace (pods, replicasets for the pod → Deployment link, Warning events about pods).
 */
export async function readProjectDetail(
  client: KubeClient,
  project: Project,
  signal?: AbortSignal,
): Promise<ProjectDetail> {
  const ns = project.namespace;
  const options = signal ? { signal } : {};
  const [pods, replicaSets, events] = await Promise.all([
    client.list<PodObject>(`/api/v1/namespaces/${ns}/pods`, options),
    client.list<ReplicaSetObject>(`/apis/apps/v1/namespaces/${ns}/replicasets`, options),
    client.list<EventObject>(`/api/v1/namespaces/${ns}/events`, {
      ...options,
      fieldSelector: 'type=Warning,involvedObject.kind=Pod',
    }),
  ]);
  const owners = deploymentsOfReplicaSets(replicaSets.items);
  const podInfos: PodInfo[] = pods.items
    .map((pod) => toPodInfo(pod, owners))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    context: client.context,
    project,
    pods: podInfos,
    events: currentPodWarnings(toPodEvents(events.items), podInfos),
  };
}
