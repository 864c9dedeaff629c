import type { Settings } from '../../../shared/domain/app.ts';
import type { RestartResult } from '../../../shared/domain/cluster.ts';
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

/**
 * What the engine needs of the bulk re-sync (electron/core/cluster/resync/): plan, apply with progress,
 * cancel, retry the failed items, and the status of a run. The engine, the CLI and the reconnect flow
 * all go through this, so the re-sync is one service with one behaviour.
 */
export interface ResyncPort {
  plan(options: ResyncOptions, signal?: AbortSignal): Promise<ResyncPlan>;
  /** Starts the run; resolves with its first progress. */
  apply(planId: string): Promise<RunProgress>;
  cancel(runId: string): boolean;
  retryFailed(runId: string): Promise<RunProgress>;
  status(runId: string): RunStatus | undefined;
  /** Resolves with the report when the run is over (finished or cancelled). */
  finished(runId: string): Promise<RunReport>;
  /** Every progress of every run; returns the unsubscribe function. */
  subscribe(listener: (progress: RunProgress) => void): () => void;
  close?(): Promise<void>;
}

/** What the engine hands the re-sync service. */
export interface ResyncDependencies {
  readonly settings: () => Settings;
  readonly client: () => KubeClient;
  readonly accounts: AccountService;
  readonly activity: ActivityLog;
  /** Restart the workloads still stuck on pull errors in these namespaces (and log the restart). */
  readonly restartStuck: (namespaces: readonly string[], signal?: AbortSignal) => Promise<RestartResult[]>;
}

export type ResyncFactory = (dependencies: ResyncDependencies) => ResyncPort;
