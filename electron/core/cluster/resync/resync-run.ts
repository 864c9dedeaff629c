import type { RestartResult } from '../../../../shared/domain/cluster.ts';
import type {
  RunItemOutcome,
  RunItemResult,
  RunProgress,
  RunReport,
  RunState,
  RunStatus,
} from '../../../../shared/domain/resync.ts';
import type { ActivityLog } from '../../activity/activity-log.ts';
import { createLogger } from '../../log/logger.ts';
import { describeError } from '../../log/secret-redactor.ts';
import { createConcurrencyLimit } from '../../util/concurrency-limit.ts';
import { reloadAccounts, type ResyncAccounts } from './keychain-accounts.ts';
import { describeKubeFailure, withTransientRetry, type RetryPolicy, type Sleep } from './kube-failure.ts';
import type { KubeSecret } from './kube-secret.ts';
import { syncPullSecret } from './pull-secret-sync.ts';
import { createThrottle } from '../../util/throttle.ts';
import type { StoredPlan } from './resync-planner.ts';

export type RestartStuck = (namespaces: readonly string[]) => Promise<readonly RestartResult[]>;

export interface RunInput {
  readonly runId: string;
  readonly stored: StoredPlan;
  readonly accounts: ResyncAccounts;
  readonly allowRecreate: boolean;
  readonly concurrency: number;
  readonly policy: RetryPolicy;
  readonly sleep: Sleep;
  /** Progress events: at most one per interval, plus the final one. */
  readonly progressIntervalMs: number;
  readonly onProgress: (progress: RunProgress) => void;
  readonly restartStuck?: RestartStuck;
  readonly activity?: Pick<ActivityLog, 'append'>;
}

export interface ResyncRun {
  readonly runId: string;
  readonly planId: string;
  status(): RunStatus;
  /** Stops starting items (in-flight ones finish, the rest are reported cancelled); false when already over. */
  cancel(): boolean;
  readonly report: Promise<RunReport>;
}

const log = createLogger('cluster.resync');

export const zeroCounts = (): Record<RunItemOutcome, number> => ({
  created: 0,
  updated: 0,
  recreated: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
  cancelled: 0,
});

const WRITTEN: ReadonlySet<RunItemOutcome> = new Set(['created', 'updated', 'recreated']);
/** Outcomes after which the namespace's secret is right, so its stuck workloads are worth a restart. */
const FIXED: ReadonlySet<RunItemOutcome> = new Set(['created', 'updated', 'recreated', 'unchanged']);

function summaryOf(report: RunReport): string {
  const c = report.counts;
  const parts = [
    `${c.created} created`,
    `${c.updated} updated`,
    `${c.recreated} recreated`,
    `${c.unchanged} unchanged`,
    `${c.skipped} skipped`,
    `${c.failed} failed`,
    ...(c.cancelled > 0 ? [`${c.cancelled} cancelled`] : []),
  ];
  const restarted = report.restarts.filter((r) => r.outcome === 'restarted').length;
  const references = report.items.reduce((sum, item) => sum + (item.referencesAdded?.length ?? 0), 0);
  return (
    `Re-sync of ${report.items.length} namespaces: ${parts.join(', ')}.` +
    (references > 0 ? ` ${references} references to the pull secret added.` : '') +
    (report.restarts.length > 0
      ? ` ${restarted} of ${report.restarts.length} stuck workloads restarted.`
      : '') +
    (report.restartProblem ? ` Restart: ${report.restartProblem}` : '')
  );
}

/**
 * Applies a plan: items with nothing to do finish at once; the rest run with bounded concurrency against
 * one fresh LIST of the pull secrets (each write then carries that resourceVersion). Progress goes out
 * throttled with the items finished since the last event. Cancel stops starting items; those in flight
 * finish, so nothing is left half-written. Then the optional restart of stuck workloads, the report, and
 * one activity log entry.
 */
export function startRun(input: RunInput): ResyncRun {
  const { stored, runId, policy, sleep } = input;
  const { plan, client, settings } = stored;
  const items = plan.items;
  const results: (RunItemResult | undefined)[] = items.map(() => undefined);
  const counts = zeroCounts();
  const startedAt = new Date().toISOString();
  let done = 0;
  let state: RunState = 'running';
  let latest: RunItemResult[] = [];
  let pending: RunItemResult[] = [];
  let final: RunReport | undefined;

  const snapshot = (): RunProgress => ({
    runId,
    planId: plan.planId,
    state,
    total: items.length,
    done,
    counts: { ...counts },
    latest,
  });
  let current = snapshot();
  const throttle = createThrottle(() => {
    latest = pending;
    pending = [];
    current = snapshot();
    try {
      input.onProgress(current);
    } catch (error) {
      log.warn('a progress listener failed', { runId, error: describeError(error) });
    }
  }, input.progressIntervalMs);

  const record = (index: number, result: RunItemResult) => {
    results[index] = result;
    counts[result.outcome] += 1;
    done += 1;
    pending.push(result);
    if (result.outcome === 'failed')
      log.warn('re-sync item failed', { runId, namespace: result.namespace, reason: result.reason });
    throttle.touch();
  };

  async function work(): Promise<RunReport> {
    log.info('re-sync run started', {
      runId,
      planId: plan.planId,
      context: client.context,
      items: items.length,
    });
    const todo: number[] = [];
    items.forEach((item, index) => {
      if (item.action === 'skip')
        record(index, { namespace: item.namespace, outcome: 'skipped', reason: item.reason, attempts: 0 });
      else if (item.action === 'unchanged' && !stored.references.has(item.namespace))
        record(index, { namespace: item.namespace, outcome: 'unchanged', reason: item.reason, attempts: 0 });
      else todo.push(index);
    });

    if (todo.length > 0) {
      const failAll = (reason: string) => {
        for (const index of todo) {
          const item = items[index];
          if (item) record(index, { namespace: item.namespace, outcome: 'failed', reason, attempts: 0 });
        }
      };
      let accounts: Awaited<ReturnType<typeof reloadAccounts>> | undefined;
      let secrets: Map<string, KubeSecret> | undefined;
      try {
        accounts = await reloadAccounts(input.accounts, settings.githubHost, stored.accounts);
        const listed = await withTransientRetry(
          () =>
            client.list<KubeSecret>('/api/v1/secrets', {
              fieldSelector: `metadata.name=${settings.secretName}`,
            }),
          policy,
          sleep,
        );
        secrets = new Map(listed.items.map((secret) => [secret.metadata.namespace, secret]));
      } catch (error) {
        failAll(`The run could not read the pull secrets or the keychain: ${describeKubeFailure(error)}`);
      }
      if (accounts && secrets) {
        const context = {
          registryHost: settings.registryHost,
          secretName: settings.secretName,
          force: plan.options.force ?? false,
          accounts,
        };
        const limit = createConcurrencyLimit(input.concurrency);
        await Promise.all(
          todo.map((index) =>
            limit(async () => {
              const item = items[index];
              if (!item) return;
              if (state !== 'running') {
                record(index, {
                  namespace: item.namespace,
                  outcome: 'cancelled',
                  reason: 'Cancelled before it started; nothing was written.',
                  attempts: 0,
                });
                return;
              }
              let result: RunItemResult;
              try {
                result = await syncPullSecret({
                  client,
                  namespace: item.namespace,
                  target: stored.targets.get(item.namespace),
                  current: secrets.get(item.namespace),
                  plannedAction: item.action,
                  context,
                  allowRecreate: input.allowRecreate,
                  references: stored.references.get(item.namespace) ?? [],
                  policy,
                  sleep,
                });
              } catch (error) {
                result = {
                  namespace: item.namespace,
                  outcome: 'failed',
                  reason: describeKubeFailure(error),
                  attempts: 0,
                };
              }
              record(index, result);
            }),
          ),
        );
      }
    }

    const cancelled = state !== 'running';
    let restarts: readonly RestartResult[] = [];
    let restartProblem: string | undefined;
    if (plan.options.restartStuck && !cancelled) {
      const fixed = results.flatMap((r) => (r && FIXED.has(r.outcome) ? [r.namespace] : []));
      if (!input.restartStuck) restartProblem = 'No restart function was given to the re-sync.';
      else if (fixed.length > 0) {
        try {
          restarts = await input.restartStuck(fixed);
        } catch (error) {
          restartProblem = describeError(error);
        }
      }
    }

    state = cancelled ? 'cancelled' : 'finished';
    const report: RunReport = {
      runId,
      planId: plan.planId,
      startedAt,
      finishedAt: new Date().toISOString(),
      state,
      items: results.flatMap((r) => (r ? [r] : [])),
      counts: { ...counts },
      restarts,
      ...(restartProblem ? { restartProblem } : {}),
    };
    final = report;
    throttle.flush();
    log.info('re-sync run over', { runId, state, counts: report.counts });

    const written = report.items.filter(
      (r) => WRITTEN.has(r.outcome) || (r.referencesAdded?.length ?? 0) > 0,
    );
    const touched = report.items.filter((r) => r.attempts > 0);
    try {
      await input.activity?.append({
        context: client.context,
        action: 'resync',
        namespaces: touched.map((r) => r.namespace),
        outcome: cancelled
          ? 'cancelled'
          : counts.failed === 0
            ? 'succeeded'
            : written.length > 0
              ? 'partial'
              : 'failed',
        summary: summaryOf(report),
      });
    } catch (error) {
      log.error('the activity log could not be appended', { runId, error: describeError(error) });
    }
    return report;
  }

  // Started on the next turn, so the caller hands out the first progress before any event follows it.
  const report = new Promise<void>((resolve) => setImmediate(resolve)).then(work);
  return {
    runId,
    planId: plan.planId,
    status: () => ({ progress: current, ...(final ? { report: final } : {}) }),
    cancel() {
      if (state !== 'running' || done === items.length) return false;
      state = 'cancelling';
      throttle.touch();
      return true;
    },
    report,
  };
}
