import { randomUUID } from 'node:crypto';
import type { Cancelled } from '../../../../shared/contract/outputs.ts';
import { DeskError } from '../../../../shared/contract/result.ts';
import type { Settings } from '../../../../shared/domain/app.ts';
import type {
  ResyncOptions,
  ResyncPlan,
  RunProgress,
  RunReport,
  RunStatus,
} from '../../../../shared/domain/resync.ts';
import type { ActivityLog } from '../../activity/activity-log.ts';
import { githubEndpoints, registryEndpoint } from '../../github/endpoints.ts';
import type { KubeClient } from '../kube-client.ts';
import { toDeskError } from '../kube-errors.ts';
import type { ResyncAccounts } from './keychain-accounts.ts';
import { DEFAULT_RETRY_POLICY, realSleep, type RetryPolicy, type Sleep } from './kube-failure.ts';
import { buildPlan, type StoredPlan } from './resync-planner.ts';
import { startRun, type ResyncRun, type RestartStuck } from './resync-run.ts';
import type { ResyncTarget } from './resync-target.ts';

/** The settings the re-sync reads (Settings › pull secret name, registry, GitHub URL, concurrency). */
export type ResyncSettings = Pick<
  Settings,
  'pullSecretName' | 'registryUrl' | 'githubUrl' | 'resyncConcurrency'
>;

export interface ResyncServiceOptions {
  /** The client of the active kube context; a plan is applied with the client it was made with. */
  readonly kube: () => KubeClient;
  readonly accounts: ResyncAccounts;
  readonly settings: () => ResyncSettings;
  /** One entry per run (action `resync`). */
  readonly activity?: Pick<ActivityLog, 'append'>;
  /** Every run's progress (throttled), e.g. to the `onRunProgress` event. */
  readonly onProgress?: (progress: RunProgress) => void;
  /** Restarts the workloads stuck on pull errors in these namespaces (options.restartStuck). */
  readonly restartStuck?: RestartStuck;
  readonly retry?: Partial<RetryPolicy>;
  /** At most one progress event per interval (default 100 ms: ≤ 10/s). */
  readonly progressIntervalMs?: number;
  readonly sleep?: Sleep;
  /** Plans and finished runs remembered for apply/status/retry (default 50 each). */
  readonly remember?: number;
}

/** The bulk re-sync, shaped so the contract's `resync.*` handlers are one-liners. */
export interface ResyncService {
  /** Plans the re-sync of `options.scope` among `targets` (the project list, e.g. discovery's Projects). */
  plan(options: ResyncOptions, targets: readonly ResyncTarget[]): Promise<ResyncPlan>;
  /** Starts applying a plan; answers with the run's first progress (events follow). */
  apply(planId: string, overrides?: { readonly allowRecreate?: boolean }): Promise<RunProgress>;
  cancel(runId: string): Promise<Cancelled>;
  /** A new run over the failed items of `runId`, planned again first. */
  retryFailed(runId: string): Promise<RunProgress>;
  status(runId: string): Promise<RunStatus>;
  /** Resolves with the run's report when it is over (CLI, reconnect). */
  report(runId: string): Promise<RunReport>;
}

interface RunRecord {
  readonly run: ResyncRun;
  readonly stored: StoredPlan;
  readonly allowRecreate: boolean;
}

function forget<V>(map: Map<string, V>, keep: number, removable: (value: V) => boolean = () => true): void {
  for (const [key, value] of map) {
    if (map.size <= keep) return;
    if (removable(value)) map.delete(key);
  }
}

export function createResyncService(options: ResyncServiceOptions): ResyncService {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const sleep = options.sleep ?? realSleep;
  const remember = options.remember ?? 50;
  const plans = new Map<string, StoredPlan>();
  const runs = new Map<string, RunRecord>();

  const concurrencyOf = (plan: ResyncPlan) =>
    Math.min(32, Math.max(1, Math.floor(plan.options.concurrency ?? options.settings().resyncConcurrency)));

  function runOf(runId: string): RunRecord {
    const record = runs.get(runId);
    if (!record)
      throw new DeskError('not-found', `No re-sync run ${runId} (runs are kept while the app runs).`);
    return record;
  }

  async function plan(resync: ResyncOptions, targets: readonly ResyncTarget[]): Promise<ResyncPlan> {
    const settings = options.settings();
    try {
      const client = options.kube();
      const stored = await buildPlan({
        planId: `plan-${randomUUID()}`,
        client,
        accounts: options.accounts,
        settings: {
          secretName: settings.pullSecretName,
          registryHost: registryEndpoint(settings.registryUrl).host,
          githubHost: githubEndpoints(settings.githubUrl).host,
        },
        options: resync,
        targets,
        concurrency: Math.min(32, Math.max(1, resync.concurrency ?? settings.resyncConcurrency)),
        policy,
        sleep,
      });
      plans.set(stored.plan.planId, stored);
      forget(plans, remember);
      return stored.plan;
    } catch (error) {
      throw toDeskError(error);
    }
  }

  function apply(planId: string, overrides: { readonly allowRecreate?: boolean } = {}): RunProgress {
    const stored = plans.get(planId);
    if (!stored) throw new DeskError('not-found', `No re-sync plan ${planId}: plan again.`);
    const active = options.kube().context;
    if (active !== stored.client.context)
      throw new DeskError(
        'conflict',
        `The plan was made for kube context "${stored.client.context}", but "${active}" is active now: plan again.`,
      );
    const allowRecreate = overrides.allowRecreate ?? stored.plan.options.allowRecreate ?? false;
    const run = startRun({
      runId: `run-${randomUUID()}`,
      stored,
      accounts: options.accounts,
      allowRecreate,
      concurrency: concurrencyOf(stored.plan),
      policy,
      sleep,
      progressIntervalMs: options.progressIntervalMs ?? 100,
      onProgress: (progress) => options.onProgress?.(progress),
      ...(options.restartStuck ? { restartStuck: options.restartStuck } : {}),
      ...(options.activity ? { activity: options.activity } : {}),
    });
    runs.set(run.runId, { run, stored, allowRecreate });
    forget(runs, remember, (record) => record.run.status().report !== undefined);
    return run.status().progress;
  }

  return {
    plan,
    apply: async (planId, overrides) => apply(planId, overrides),
    cancel: async (runId) => ({ cancelled: runOf(runId).run.cancel() }),
    async retryFailed(runId) {
      const { run, stored, allowRecreate } = runOf(runId);
      const report = run.status().report;
      if (!report) throw new DeskError('conflict', `Run ${runId} is still going: wait for it to end.`);
      const failed = report.items.filter((item) => item.outcome === 'failed').map((item) => item.namespace);
      if (failed.length === 0) throw new DeskError('invalid-input', `Run ${runId} has no failed items.`);
      const again = await plan(
        { ...stored.plan.options, scope: { kind: 'namespaces', namespaces: failed } },
        [...stored.targets.values()],
      );
      return apply(again.planId, { allowRecreate });
    },
    status: async (runId) => runOf(runId).run.status(),
    report: async (runId) => runOf(runId).run.report,
  };
}
