import type { Cancelled } from '../../../shared/contract/outputs.ts';
import type { Settings } from '../../../shared/domain/app.ts';
import type { Project, RestartResult } from '../../../shared/domain/cluster.ts';
import type {
  ResyncOptions,
  ResyncPlan,
  RunProgress,
  RunReport,
  RunStatus,
} from '../../../shared/domain/resync.ts';
import type { ActivityLog } from '../activity/activity-log.ts';
import type { KubeClient } from '../cluster/kube-client.ts';
import type { AccountService } from '../github/account-service.ts';

/** What the re-sync plans over: the audit's projects. */
export type ResyncTarget = Pick<Project, 'namespace' | 'owners' | 'workloads'>;

/**
 * The bulk re-sync service (electron/core/cluster/resync/) as the engine uses it: plan over the audit's
 * projects, apply with progress, cancel, retry the failed items, status and report of a run.
 */
export interface ResyncPort {
  plan(options: ResyncOptions, targets: readonly ResyncTarget[]): Promise<ResyncPlan>;
  apply(planId: string, overrides?: { readonly allowRecreate?: boolean }): Promise<RunProgress>;
  cancel(runId: string): Promise<Cancelled>;
  retryFailed(runId: string): Promise<RunProgress>;
  status(runId: string): Promise<RunStatus>;
  /** Resolves with the run's report when it is over. */
  report(runId: string): Promise<RunReport>;
}

/** What the engine hands the re-sync service. */
export interface ResyncDependencies {
  readonly kube: () => KubeClient;
  readonly accounts: Pick<AccountService, 'list' | 'tokenFor' | 'auditTokens'>;
  readonly settings: () => Settings;
  readonly activity: Pick<ActivityLog, 'append'>;
  readonly onProgress: (progress: RunProgress) => void;
  /** Restarts the workloads still stuck on pull errors in these namespaces (and logs the restart). */
  readonly restartStuck: (namespaces: readonly string[]) => Promise<readonly RestartResult[]>;
}

export type ResyncFactory = (dependencies: ResyncDependencies) => ResyncPort;
