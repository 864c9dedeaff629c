import type { PodChangeBatch, PodEvent, ProjectDetail, ProjectList } from '../../../shared/domain/cluster.ts';
import { currentPodWarnings } from '../../../shared/domain/pod-warnings.ts';

const MAX_EVENTS = 200;

/** Pod counts of a batch into the project list; the same object back when the batch changes nothing in it. */
export function mergePodCountsIntoList(
  list: ProjectList | undefined,
  batch: PodChangeBatch,
): ProjectList | undefined {
  if (!list || list.context !== batch.context) return list;
  let changed = false;
  const projects = list.projects.map((project) => {
    const pods = batch.projectPods[project.namespace];
    if (!pods) return project;
    changed = true;
    return { ...project, pods };
  });
  return changed ? { ...list, projects } : list;
}

// kubelet writes one Event per pod, reason and message (a repeat bumps its count): "Failed" alone covers
// the registry's refusal, "Error: ErrImagePull" and "Error: ImagePullBackOff".
const eventKey = (event: PodEvent) => `${event.podName}\u0000${event.reason}\u0000${event.message}`;

/** A batch into one project's detail: its pods upserted/removed, its pull error events merged, its counts. */
export function mergePodChangesIntoDetail(
  detail: ProjectDetail | undefined,
  batch: PodChangeBatch,
): ProjectDetail | undefined {
  if (!detail || detail.context !== batch.context) return detail;
  const namespace = detail.project.namespace;
  const upserted = batch.upserted.filter((pod) => pod.namespace === namespace);
  const removed = new Set(batch.removed.filter((pod) => pod.namespace === namespace).map((pod) => pod.name));
  const events = batch.events.filter((event) => event.namespace === namespace);
  const counts = batch.projectPods[namespace];
  if (upserted.length === 0 && removed.size === 0 && events.length === 0 && !counts) return detail;

  const pods = new Map(detail.pods.map((pod) => [pod.name, pod]));
  for (const name of removed) pods.delete(name);
  for (const pod of upserted) pods.set(pod.name, pod);
  const mergedEvents = new Map(detail.events.map((event) => [eventKey(event), event]));
  for (const event of events) mergedEvents.set(eventKey(event), event);
  const mergedPods = [...pods.values()].sort((a, b) => a.name.localeCompare(b.name));
  return {
    ...detail,
    project: counts ? { ...detail.project, pods: counts } : detail.project,
    pods: mergedPods,
    events: currentPodWarnings([...mergedEvents.values()], mergedPods)
      .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen))
      .slice(0, MAX_EVENTS),
  };
}
