import type { Project } from '../../../../shared/domain/cluster.ts';
import { projectProblems } from '../../../../shared/domain/project-health.ts';
import { createProgressLine } from '../cli-io.ts';
import type { CliSession } from '../cli-session.ts';
import { err, out, printJson, table } from '../output.ts';
import { EXIT, UsageError } from '../usage-error.ts';

function tokenColumn(project: Project): string {
  const health = project.pullSecret.tokenHealth;
  if (!health) return '-';
  return health.state === 'missing-scopes' ? `missing ${health.missingScopes.join(',')}` : health.state;
}

/** `ghcr-desk audit`: every project judged; exit 1 when any needs fixing. */
export async function auditCommand(
  session: CliSession,
  args: readonly string[],
  signal: AbortSignal,
): Promise<number> {
  if (args.length > 0) throw new UsageError(`audit takes no arguments (got "${args.join(' ')}").`);
  const progress = createProgressLine(session.io);
  const services = session.services();
  const client = services.cluster.client();
  progress.update(`Auditing the projects of ${client.context}…`);
  const before = client.stats().requests;
  const audit = await services.audit({ signal }).finally(() => progress.end());
  for (const warning of audit.warnings) err(session.io, `warning: ${warning}`);
  const { projects } = audit.list;
  const broken = projects.filter((project) => projectProblems(project).length > 0);
  if (session.json) {
    printJson(session.io, {
      context: audit.list.context,
      listedAt: audit.list.listedAt,
      projects: projects.map((project) => ({ ...project, problems: projectProblems(project) })),
      summary: { projects: projects.length, needFixing: broken.length },
      kubeRequests: client.stats().requests - before,
      warnings: audit.warnings,
    });
  } else if (projects.length === 0) {
    out(
      session.io,
      `No projects in ${audit.list.context}: no namespace has workloads pulling from ${session.settings().registryUrl}.`,
    );
  } else {
    out(
      session.io,
      table(
        ['NAMESPACE', 'OWNER', 'SECRET', 'TOKEN', 'PODS', 'PULL ERRORS', 'FLAGS'],
        projects.map((p) => [
          p.namespace,
          p.owners.join(','),
          p.pullSecret.state,
          tokenColumn(p),
          `${p.pods.ready}/${p.pods.total}`,
          String(p.pods.pullErrors),
          p.flags.join(',') || '-',
        ]),
      ),
    );
    if (broken.length > 0) {
      out(session.io, '');
      for (const project of broken) {
        const reasons = [
          project.pullSecret.detail,
          project.pullSecret.tokenHealth?.state !== 'ok'
            ? project.pullSecret.tokenHealth?.message
            : undefined,
        ]
          .filter(Boolean)
          .join(' ');
        out(
          session.io,
          `${project.namespace}: ${projectProblems(project).join(', ')}${reasons ? ` — ${reasons}` : ''}`,
        );
      }
    }
    out(
      session.io,
      `\n${projects.length} project${projects.length === 1 ? '' : 's'} in ${audit.list.context}; ${broken.length} need${broken.length === 1 ? 's' : ''} fixing.`,
    );
  }
  return broken.length > 0 ? EXIT.findings : EXIT.ok;
}
