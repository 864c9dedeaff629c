import type { PodEvent, PodInfo } from './cluster.ts';

/**
 * The Warning Events a project's detail shows: those of its pods that exist and are not ready. A removed
 * pod's Events and a pod's pull errors from before it ran are history (kubelet keeps them for an hour), and
 * showing them under "Pull errors" would say a fixed project is still broken.
 */
export function currentPodWarnings(events: readonly PodEvent[], pods: readonly PodInfo[]): PodEvent[] {
  const unready = new Set(pods.filter((pod) => !pod.ready).map((pod) => pod.name));
  return events.filter((event) => unready.has(event.podName));
}
