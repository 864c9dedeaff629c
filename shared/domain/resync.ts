/** Bulk re-sync: a plan (what would change, per namespace, no secret values) and its run. */
import type { RestartResult } from './cluster.ts';

export type ResyncScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'owner'; readonly owner: string }
  | { readonly kind: 'namespaces'; readonly namespaces: readonly string[] };

export interface ResyncOptions {
  readonly scope: ResyncScope;
  /** Write tokens that lack required scopes (the user insisted). */
  readonly force?: boolean;
  /** Consent to delete + create wrong-type or immutable secrets. */
  readonly allowRecreate?: boolean;
  /** Also make workloads (and the default ServiceAccount) list the pull secret. */
  readonly addReferences?: boolean;
  /** Restart workloads stuck on pull errors after their secret is fixed. */
  readonly restartStuck?: boolean;
  readonly concurrency?: number;
}

export type PlanAction = 'create' | 'update' | 'recreate' | 'unchanged' | 'skip';

export interface PlanItem {
  readonly namespace: string;
  readonly secretName: string;
  readonly owner: string;
  /** The GitHub login whose keychain token would be written (the owner, or the account the secret names). */
  readonly account?: string;
  readonly action: PlanAction;
  /** Why, in a sentence (skip reasons especially: no token in keychain, missing scopes, foreign…). */
  readonly reason: string;
  /** recreate items wait for the user's consent (allowRecreate). */
  readonly needsConsent: boolean;
  /** Server-side dry run (dryRun=All) of the write: passed, failed with the API's message, or none needed. */
  readonly dryRun: 'passed' | 'failed' | 'not-needed';
  readonly dryRunMessage?: string;
  /** addReferences: what would come to list the pull secret (`Deployment/web`, `ServiceAccount/default`). */
  readonly references?: readonly string[];
}

export interface ResyncPlan {
  readonly planId: string;
  readonly createdAt: string;
  readonly options: ResyncOptions;
  readonly items: readonly PlanItem[];
  readonly totals: Readonly<Record<PlanAction, number>>;
}

export type RunItemOutcome =
  'created' | 'updated' | 'recreated' | 'unchanged' | 'skipped' | 'failed' | 'cancelled';

export interface RunItemResult {
  readonly namespace: string;
  readonly outcome: RunItemOutcome;
  readonly reason?: string;
  /** Write requests sent for the item (0: nothing to write, or it never started). */
  readonly attempts: number;
  /** addReferences: what was made to list the pull secret. */
  readonly referencesAdded?: readonly string[];
}

export type RunState = 'running' | 'cancelling' | 'finished' | 'cancelled';

export interface RunProgress {
  readonly runId: string;
  readonly planId: string;
  readonly state: RunState;
  readonly total: number;
  readonly done: number;
  readonly counts: Readonly<Record<RunItemOutcome, number>>;
  /** Items finished since the previous progress event. */
  readonly latest: readonly RunItemResult[];
}

export interface RunReport {
  readonly runId: string;
  readonly planId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly state: Extract<RunState, 'finished' | 'cancelled'>;
  readonly items: readonly RunItemResult[];
  readonly counts: Readonly<Record<RunItemOutcome, number>>;
  readonly restarts: readonly RestartResult[];
  /** Why the restart of stuck workloads did not run or failed as a whole (per-workload results are in restarts). */
  readonly restartProblem?: string;
}

/** A run as the renderer fetches it (after a reload, say): its latest progress and, once over, its report. */
export interface RunStatus {
  readonly progress: RunProgress;
  readonly report?: RunReport;
}
