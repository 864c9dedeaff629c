import type { ProjectList, ProjectsChange } from '../../../shared/domain/cluster.ts';

/**
 * Folds an onProjectsChanged event into the cached project list. A reset is the whole list (it replaces
 * whatever was there, an error included); an upsert applies only to the list of the same context.
 */
export function mergeProjectsChange(
  list: ProjectList | undefined,
  change: ProjectsChange,
  now: () => string = () => new Date().toISOString(),
): ProjectList | undefined {
  if (change.kind === 'reset') return { context: change.context, projects: change.projects, listedAt: now() };
  if (!list || list.context !== change.context) return list;
  const changed = new Map(change.projects.map((project) => [project.namespace, project]));
  const removed = new Set(change.removed);
  const projects = list.projects
    .filter((project) => !removed.has(project.namespace))
    .map((project) => {
      const next = changed.get(project.namespace);
      changed.delete(project.namespace);
      return next ?? project;
    });
  return { ...list, projects: [...projects, ...changed.values()] };
}
