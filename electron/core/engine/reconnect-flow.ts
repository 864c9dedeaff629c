import { randomUUID } from 'node:crypto';
import type { ReconnectProgress } from '../../../shared/domain/app.ts';
import type { RestartResult } from '../../../shared/domain/cluster.ts';
import type { RunItemOutcome, RunReport } from '../../../shared/domain/resync.ts';
import { DeskError } from '../../../shared/contract/result.ts';
import type { ActivityLog } from '../activity/activity-log.ts';
import { githubEndpoints } from '../github/endpoints.ts';
import { createLogger } from '../log/logger.ts';
import { toEngineError } from './engine-errors.ts';
import type { EngineServices } from './engine-services.ts';

export interface ReconnectInput {
  readonly host: string;
  readonly login: string;
  /** Re-sync the login's pull secrets and restart its stuck workloads after the login (default true). */
  readonly resync?: boolean;
}

export interface Reconnects {
  /** Starts a reconnect and answers with its first progress (waiting for the browser). */
  start(input: ReconnectInput): ReconnectProgress;
  cancel(reconnectId: string): boolean;
  status(reconnectId: string): ReconnectProgress | undefined;
  /** Resolves with the last progress (done, failed or cancelled). */
  finished(reconnectId: string): Promise<ReconnectProgress>;
  /** Cancels what runs and waits for it to end. */
  close(): Promise<void>;
}

interface Attempt {
  progress: ReconnectProgress;
  readonly controller: AbortController;
  runId?: string;
  done?: Promise<ReconnectProgress>;
}

/** Outcomes that leave the secret right, so stuck pods may now pull. */
const SETTLED: ReadonlySet<RunItemOutcome> = new Set(['created', 'updated', 'recreated', 'unchanged']);
const FINAL = new Set(['done', 'failed', 'cancelled']);
const KEEP_FINISHED = 20;
const log = createLogger('engine.reconnect');

/**
 * One-click reconnect: loopback login for the login (identity and scopes checked, token stored) →
 * re-sync of that login's pull secrets → rollout restart of its workloads stuck on pull errors. Every
 * stage is published (`emit`), so a UI follows it live, and every stage can be cancelled. One activity
 * entry records how it ended.
 */
export function createReconnects(deps: {
  readonly services: EngineServices;
  readonly activity: ActivityLog;
  readonly emit: (progress: ReconnectProgress) => void;
  /** The account list changed (a token was stored). */
  readonly onAccountStored?: () => void;
}): Reconnects {
  const { services } = deps;
  const attempts = new Map<string, Attempt>();

  function context(): string {
    try {
      return services.cluster.client().context;
    } catch {
      return services.settings().kubeContext;
    }
  }

  async function run(attempt: Attempt, input: ReconnectInput): Promise<ReconnectProgress> {
    const { signal } = attempt.controller;
    const update = (patch: Partial<ReconnectProgress>) => {
      attempt.progress = { ...attempt.progress, ...patch };
      deps.emit(attempt.progress);
    };
    const stopIfCancelled = () => {
      if (signal.aborted) throw new DeskError('cancelled', 'The reconnect was cancelled.');
    };
    let namespaces: string[] = [];
    let report: RunReport | undefined;
    try {
      const account = await services.accounts.connect({
        login: input.login,
        signal,
        onStage: (stage) => update({ stage }),
      });
      update({ account });
      deps.onAccountStored?.();
      stopIfCancelled();
      if (input.resync === false) {
        update({ stage: 'done', message: `${account.login} is reconnected; no re-sync was asked for.` });
        return attempt.progress;
      }
      const resync = services.resync;
      update({ stage: 'resyncing' });
      const plan = await resync.plan(
        {
          scope: { kind: 'owner', owner: account.login },
          restartStuck: false,
          concurrency: services.settings().resyncConcurrency,
        },
        signal,
      );
      stopIfCancelled();
      const unsubscribe = resync.subscribe((progress) => {
        if (progress.runId === attempt.runId) update({ run: progress });
      });
      try {
        const first = await resync.apply(plan.planId);
        attempt.runId = first.runId;
        update({ run: first });
        if (signal.aborted) await resync.cancel(first.runId);
        report = await resync.report(first.runId);
      } finally {
        unsubscribe();
      }
      namespaces = report.items.filter((item) => item.outcome !== 'skipped').map((item) => item.namespace);
      stopIfCancelled();
      if (report.state === 'cancelled') throw new DeskError('cancelled', 'The reconnect was cancelled.');
      let restarts: RestartResult[] = [];
      if (services.settings().restartPolicy === 'restart-stuck') {
        update({ stage: 'restarting', report });
        const settled = report.items.filter((i) => SETTLED.has(i.outcome)).map((i) => i.namespace);
        restarts = await services.restartStuck(settled, signal);
      }
      report = { ...report, restarts: [...report.restarts, ...restarts] };
      const failed = report.counts.failed;
      update({
        stage: 'done',
        report,
        message:
          `${account.login} is reconnected; ${describeCounts(report)}` +
          (restarts.length
            ? `; ${restarts.filter((r) => r.outcome === 'restarted').length} of ${restarts.length} stuck workloads restarted`
            : '') +
          (failed ? `. ${failed} namespace${failed === 1 ? '' : 's'} failed: retry them from Re-sync.` : '.'),
      });
      return attempt.progress;
    } catch (error) {
      const failure = toEngineError(error);
      if (signal.aborted || failure.code === 'cancelled')
        update({
          stage: 'cancelled',
          message: 'The reconnect was cancelled.',
          ...(report ? { report } : {}),
        });
      else update({ stage: 'failed', message: failure.message, ...(report ? { report } : {}) });
      return attempt.progress;
    } finally {
      await record(attempt.progress, namespaces).catch((error: unknown) =>
        log.warn('could not write the activity entry', { error: String(error) }),
      );
      prune();
    }
  }

  async function record(progress: ReconnectProgress, namespaces: readonly string[]): Promise<void> {
    const failed = progress.report?.counts.failed ?? 0;
    await deps.activity.append({
      context: context(),
      action: 'reconnect',
      namespaces,
      outcome:
        progress.stage === 'done'
          ? failed > 0
            ? 'partial'
            : 'succeeded'
          : progress.stage === 'cancelled'
            ? 'cancelled'
            : 'failed',
      summary: `Reconnect of ${progress.login} on ${progress.host}: ${progress.message ?? progress.stage}`,
    });
  }

  function prune(): void {
    const finished = [...attempts.entries()].filter(([, a]) => FINAL.has(a.progress.stage));
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) attempts.delete(id);
  }

  return {
    start(input) {
      const host = githubEndpoints(services.settings().githubUrl).host;
      if (input.host.toLowerCase() !== host.toLowerCase())
        throw new DeskError(
          'invalid-input',
          `${input.login} is an account on ${input.host}, but Settings › GitHub URL points at ${host}. Switch it first.`,
        );
      if ([...attempts.values()].some((a) => !FINAL.has(a.progress.stage)))
        throw new DeskError(
          'conflict',
          'Another reconnect is waiting for the browser; finish or cancel it first.',
        );
      const reconnectId = randomUUID();
      const attempt: Attempt = {
        progress: { reconnectId, host, login: input.login, stage: 'waiting-for-browser' },
        controller: new AbortController(),
      };
      attempts.set(reconnectId, attempt);
      deps.emit(attempt.progress);
      attempt.done = run(attempt, input);
      return attempt.progress;
    },
    cancel,
    status: (reconnectId) => attempts.get(reconnectId)?.progress,
    async finished(reconnectId) {
      const attempt = attempts.get(reconnectId);
      if (!attempt) throw new DeskError('not-found', 'No such reconnect (it may have ended long ago).');
      return attempt.done ?? attempt.progress;
    },
    async close() {
      for (const id of attempts.keys()) cancel(id);
      await Promise.all([...attempts.values()].map((a) => a.done));
    },
  };

  function cancel(reconnectId: string): boolean {
    const attempt = attempts.get(reconnectId);
    if (!attempt || FINAL.has(attempt.progress.stage)) return false;
    attempt.controller.abort();
    if (attempt.runId) void services.resync.cancel(attempt.runId);
    return true;
  }
}

function describeCounts(report: RunReport): string {
  const parts = (Object.entries(report.counts) as [RunItemOutcome, number][])
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`);
  return `pull secrets: ${parts.length ? parts.join(', ') : 'none to re-sync'}`;
}
