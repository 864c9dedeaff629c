/**
 * When a project counts as broken, in one place: the Projects banner, the filters, the tray badge and the
 * desktop notifications all use this, so they never disagree about the count.
 */
import type { Project } from './cluster.ts';

export const PROBLEMS = [
  'pull-errors',
  'secret-missing',
  'secret-wrong-type',
  'secret-malformed',
  'secret-foreign',
  'secret-stale',
  'secret-unreferenced',
  'token-revoked',
  'token-missing-scopes',
  'token-not-classic',
] as const;
export type Problem = (typeof PROBLEMS)[number];

/** What is wrong with a project, most urgent first; empty when nothing is. */
export function projectProblems(project: Project): Problem[] {
  const problems: Problem[] = [];
  if (project.pods.pullErrors > 0) problems.push('pull-errors');
  const state = project.pullSecret.state;
  if (state !== 'ok') problems.push(`secret-${state}`);
  // rate-limited and unknown say "could not check", not "broken".
  const health = project.pullSecret.tokenHealth?.state;
  if (health === 'revoked' || health === 'missing-scopes' || health === 'not-classic')
    problems.push(`token-${health}`);
  return problems;
}

export function isProjectBroken(project: Project): boolean {
  return projectProblems(project).length > 0;
}

export function countBrokenProjects(projects: Iterable<Project>): number {
  let count = 0;
  for (const project of projects) if (isProjectBroken(project)) count += 1;
  return count;
}
