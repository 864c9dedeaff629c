import type { Project } from '../../../shared/domain/cluster.ts';
import type { Account } from '../../../shared/domain/github.ts';
import { PROBLEMS, projectProblems, type Problem } from '../../../shared/domain/project-health.ts';

/** The one action that fixes most of what is broken. */
export type PrimaryFix =
  | { readonly kind: 'resync'; readonly namespaces: readonly string[] }
  | {
      readonly kind: 'reconnect';
      readonly owner: string;
      readonly host: string | undefined;
      readonly fixes: number;
    };

export interface BrokenSummary {
  readonly total: number;
  readonly broken: number;
  /** How many broken projects have each problem (a project may count under several). */
  readonly problems: Readonly<Partial<Record<Problem, number>>>;
  readonly fix?: PrimaryFix;
}

const BAD_TOKEN: ReadonlySet<Problem> = new Set([
  'token-revoked',
  'token-missing-scopes',
  'token-not-classic',
]);

/**
 * What the Projects banner says. A project whose secret holds a bad token needs its owner's account
 * reconnected — unless the keychain already holds a good token for that owner, when a re-sync is enough
 * (so is every other problem: missing, stale, malformed secrets, pods stuck after a fix). The fix offered
 * is whichever single action repairs the most projects: "re-sync them all" or "reconnect the owner with
 * the most broken projects" (reconnecting re-syncs that owner's projects too).
 */
export function summariseBroken(
  projects: readonly Project[],
  accounts: readonly Account[] = [],
): BrokenSummary {
  const goodTokenOwners = new Set(
    accounts.filter((account) => account.health.state === 'ok').map((account) => account.login),
  );
  const problems: Partial<Record<Problem, number>> = {};
  const resyncable: string[] = [];
  const byOwner = new Map<string, number>();
  let broken = 0;
  for (const project of projects) {
    const found = projectProblems(project);
    if (found.length === 0) continue;
    broken += 1;
    for (const problem of found) problems[problem] = (problems[problem] ?? 0) + 1;
    if (found.some((problem) => BAD_TOKEN.has(problem)) && !goodTokenOwners.has(project.owner))
      byOwner.set(project.owner, (byOwner.get(project.owner) ?? 0) + 1);
    else resyncable.push(project.namespace);
  }
  const [topOwner, topCount = 0] = [...byOwner.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  const ordered = Object.fromEntries(PROBLEMS.filter((p) => problems[p]).map((p) => [p, problems[p]]));
  if (broken === 0) return { total: projects.length, broken, problems: ordered };
  const fix: PrimaryFix =
    topOwner !== undefined && topCount > resyncable.length
      ? {
          kind: 'reconnect',
          owner: topOwner,
          host: accounts.find((account) => account.login === topOwner)?.host,
          fixes: topCount,
        }
      : { kind: 'resync', namespaces: resyncable };
  return { total: projects.length, broken, problems: ordered, fix };
}
