import type { AnyEvent } from '../../../shared/contract/events.ts';
import type { Project } from '../../../shared/domain/cluster.ts';
import { countBrokenProjects } from '../../../shared/domain/project-health.ts';

export interface BrokenProjectsTracker {
  /** Folds one contract event in; returns the broken-project count when it changed. */
  apply(event: AnyEvent): number | undefined;
  readonly count: number;
}

/**
 * The tray and the dock badge show how many projects are broken. The main process learns that from the
 * same events the renderer gets (projects reset/upsert, pod count changes), never by asking the cluster.
 */
export function createBrokenProjectsTracker(): BrokenProjectsTracker {
  let context = '';
  const projects = new Map<string, Project>();
  let count = 0;

  function recount(): number | undefined {
    const next = countBrokenProjects(projects.values());
    if (next === count) return undefined;
    count = next;
    return count;
  }

  return {
    get count() {
      return count;
    },
    apply(event) {
      if (event.name === 'onProjectsChanged') {
        const change = event.payload;
        if (change.kind === 'reset' || change.context !== context) {
          projects.clear();
          context = change.context;
        }
        for (const project of change.projects) projects.set(project.namespace, project);
        if (change.kind === 'upsert') for (const namespace of change.removed) projects.delete(namespace);
        return recount();
      }
      if (event.name === 'onPodChanges' && event.payload.context === context) {
        for (const [namespace, pods] of Object.entries(event.payload.projectPods)) {
          const project = projects.get(namespace);
          if (project) projects.set(namespace, { ...project, pods });
        }
        return recount();
      }
      return undefined;
    },
  };
}
