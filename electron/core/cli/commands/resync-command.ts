import type { RestartResult } from '../../../../shared/domain/cluster.ts';
import type { PlanAction, ResyncOptions, ResyncPlan, RunReport } from '../../../../shared/domain/resync.ts';
import type { ParsedOptions } from '../cli-args.ts';
import { integerOption } from '../cli-args.ts';
import { confirm, createProgressLine } from '../cli-io.ts';
import type { CliSession } from '../cli-session.ts';
import { err, out, printJson, table } from '../output.ts';
import { EXIT, UsageError } from '../usage-error.ts';

const CHANGES: ReadonlySet<PlanAction> = new Set(['create', 'update', 'recreate']);
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function scopeOf(options: ParsedOptions): ResyncOptions['scope'] {
  const namespaces = options.namespace ?? [];
  const chosen = [options.owner !== undefined, namespaces.length > 0, options.all === true].filter(Boolean);
  if (chosen.length !== 1)
    throw new UsageError('Choose exactly one scope: --owner LOGIN, --namespace NS (repeatable) or --all.');
  if (options.owner !== undefined) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(options.owner))
      throw new UsageError(`--owner "${options.owner}" is not a GitHub login.`);
    return { kind: 'owner', owner: options.owner };
  }
  if (namespaces.length > 0) {
    const bad = namespaces.find((ns) => !NAMESPACE.test(ns) || ns.length > 63);
    if (bad !== undefined) throw new UsageError(`--namespace "${bad}" is not a namespace name.`);
    return { kind: 'namespaces', namespaces: [...new Set(namespaces)] };
  }
  return { kind: 'all' };
}

function printPlan(session: CliSession, plan: ResyncPlan): void {
  out(
    session.io,
    table(
      ['NAMESPACE', 'OWNER', 'ACCOUNT', 'ACTION', 'DRY RUN', 'REASON'],
      plan.items.map((item) => [
        item.namespace,
        item.owner,
        item.account ?? '-',
        item.action + (item.needsConsent ? ' (needs --allow-recreate)' : ''),
        item.dryRun,
        item.reason + (item.dryRunMessage ? ` (${item.dryRunMessage})` : ''),
      ]),
    ),
  );
  const totals = Object.entries(plan.totals)
    .filter(([, count]) => count > 0)
    .map(([action, count]) => `${count} ${action}`);
  out(session.io, `\nPlan: ${totals.join(', ') || 'nothing in scope'}.`);
}

function printReport(session: CliSession, report: RunReport): void {
  const changed = report.items.filter((item) => item.outcome !== 'unchanged');
  if (changed.length > 0)
    out(
      session.io,
      table(
        ['NAMESPACE', 'OUTCOME', 'ATTEMPTS', 'REASON'],
        changed.map((item) => [item.namespace, item.outcome, String(item.attempts), item.reason ?? '']),
      ),
    );
  printRestarts(session, report.restarts);
  if (report.restartProblem) err(session.io, `Restart of stuck workloads: ${report.restartProblem}`);
  const counts = Object.entries(report.counts)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`);
  out(session.io, `\nRe-sync ${report.state}: ${counts.join(', ') || 'nothing to do'}.`);
}

function printRestarts(session: CliSession, restarts: readonly RestartResult[]): void {
  if (restarts.length === 0) return;
  out(session.io, '\nRestarts:');
  out(
    session.io,
    table(
      ['NAMESPACE', 'WORKLOAD', 'OUTCOME', 'REASON'],
      restarts.map((r) => [r.namespace, `${r.kind}/${r.name}`, r.outcome, r.reason ?? '']),
    ),
  );
}

const failedRestart = (restarts: readonly RestartResult[]) => restarts.some((r) => r.outcome !== 'restarted');

/**
 * `ghcr-desk resync`: plan (server-side dry run per write), show it, confirm, apply with progress on
 * stderr, report. Without --yes it asks on the terminal and refuses when there is none to ask on.
 */
export async function resyncCommand(
  session: CliSession,
  args: readonly string[],
  options: ParsedOptions,
  signal: AbortSignal,
): Promise<number> {
  if (args.length > 0) throw new UsageError(`resync takes options, not arguments (got "${args.join(' ')}").`);
  const scope = scopeOf(options);
  const concurrency =
    integerOption('concurrency', options.concurrency, 1, 32) ?? session.settings().resyncConcurrency;
  const services = session.services();
  const resync = services.resync;
  const resyncOptions: ResyncOptions = {
    scope,
    concurrency,
    restartStuck: options.restart === true,
    ...(options.force ? { force: true } : {}),
    ...(options['allow-recreate'] ? { allowRecreate: true } : {}),
  };
  const progress = createProgressLine(session.io);
  progress.update(`Planning the re-sync in ${services.cluster.client().context}…`);
  const plan = await resync.plan(resyncOptions, signal).finally(() => progress.end());
  const changes = plan.items.filter(
    (item) => CHANGES.has(item.action) && !(item.needsConsent && !options['allow-recreate']),
  );
  const findings = plan.items.some((item) => item.action !== 'unchanged');

  if (options['dry-run'] || changes.length === 0) {
    let restarts: RestartResult[] = [];
    if (!options['dry-run'] && options.restart) {
      const settled = plan.items.filter((item) => item.action === 'unchanged').map((item) => item.namespace);
      restarts = await services.restartStuck(settled, signal);
    }
    if (session.json) printJson(session.io, { plan, ...(restarts.length ? { restarts } : {}) });
    else {
      printPlan(session, plan);
      printRestarts(session, restarts);
      if (!options['dry-run']) out(session.io, 'Nothing to write.');
    }
    return findings || failedRestart(restarts) ? EXIT.findings : EXIT.ok;
  }

  if (!session.json) printPlan(session, plan);
  if (!options.yes) {
    if (!session.io.stdinIsTty)
      throw new UsageError(
        `Refusing to write ${changes.length} pull secret${changes.length === 1 ? '' : 's'} without confirmation: stdin is not a terminal. Pass --yes.`,
      );
    const agreed = await confirm(
      session.io,
      `Write ${changes.length} pull secret${changes.length === 1 ? '' : 's'} in ${services.cluster.client().context}?`,
    );
    if (!agreed) {
      err(session.io, 'Nothing was changed.');
      return EXIT.findings;
    }
  }

  const first = await resync.apply(plan.planId);
  const unsubscribe = resync.subscribe((run) => {
    if (run.runId !== first.runId) return;
    progress.update(`Re-sync: ${run.done}/${run.total} (${run.counts.failed} failed)`);
  });
  const onAbort = () => void resync.cancel(first.runId);
  signal.addEventListener('abort', onAbort, { once: true });
  let report: RunReport;
  try {
    report = await resync.report(first.runId);
  } finally {
    signal.removeEventListener('abort', onAbort);
    unsubscribe();
    progress.end();
  }
  if (session.json) printJson(session.io, { plan, report });
  else printReport(session, report);
  if (report.state === 'cancelled') return EXIT.interrupted;
  const bad = report.counts.failed + report.counts.skipped + report.counts.cancelled;
  return bad > 0 || failedRestart(report.restarts) || report.restartProblem ? EXIT.findings : EXIT.ok;
}
