/** Settings, status, reconnect and activity: the rest of what the panel shows. */
import type { Account } from './github.ts';
import type { RunProgress, RunReport } from './resync.ts';

export type Language = 'system' | 'en' | 'zh-CN';

/** Persisted settings (schema-validated). The OAuth App's client secret is NOT here: it lives in the keychain. */
export interface Settings {
  /** Empty: KUBECONFIG / ~/.kube/config / /etc/rancher/k3s/k3s.yaml, by the usual rules. */
  readonly kubeconfigPath: string;
  /** Empty: the kubeconfig's current context. */
  readonly kubeContext: string;
  /** `https://github.com`, or a GitHub Enterprise Server URL (API under /api/v3). */
  readonly githubUrl: string;
  readonly oauthClientId: string;
  /** `https://ghcr.io`, or another registry speaking the same token protocol. */
  readonly registryUrl: string;
  readonly requiredScopes: readonly string[];
  /** Kubernetes label selector for project namespaces; empty: all namespaces. */
  readonly namespaceLabelSelector: string;
  /** Regular expression a project namespace name must match; empty: any. */
  readonly namespaceNamePattern: string;
  readonly pullSecretName: string;
  /** After a re-sync: restart workloads stuck on pull errors, or leave them to kubelet's back-off. */
  readonly restartPolicy: 'restart-stuck' | 'never';
  readonly resyncConcurrency: number;
  readonly language: Language;
}

/** What the renderer sees of the settings: the OAuth client secret only as "set or not". */
export interface SettingsView {
  readonly settings: Settings;
  readonly oauthClientSecretSet: boolean;
}

export interface ClusterStatus {
  readonly context: string;
  readonly server: string;
  readonly reachable: boolean;
  /** What is wrong and what to do, when unreachable or misconfigured. */
  readonly problem?: string;
}

export interface KeychainStatus {
  readonly available: boolean;
  readonly problem?: string;
}

/**
 * The live pod watch: `off` before the first audit (or without a cluster), `watching` when pods and their
 * Events arrive as they change, `retrying` when a watch failed and waits to start again — what the panel
 * shows of pods may then be older than the cluster.
 */
export interface LivePodsStatus {
  readonly state: 'off' | 'watching' | 'retrying';
  /** Why it is retrying, in a sentence (never a token). */
  readonly problem?: string;
}

export interface AppStatus {
  readonly version: string;
  readonly cluster: ClusterStatus;
  readonly keychain: KeychainStatus;
  readonly livePods: LivePodsStatus;
  readonly oauthConfigured: boolean;
}

export type ReconnectStage =
  | 'waiting-for-browser'
  | 'exchanging-code'
  | 'checking-identity'
  | 'checking-scopes'
  | 'storing-token'
  | 'resyncing'
  | 'restarting'
  | 'done'
  | 'failed'
  | 'cancelled';

export interface ReconnectProgress {
  readonly reconnectId: string;
  readonly host: string;
  readonly login: string;
  readonly stage: ReconnectStage;
  readonly message?: string;
  readonly account?: Account;
  readonly run?: RunProgress;
  readonly report?: RunReport;
}

export type ActivityAction = 'resync' | 'restart' | 'reconnect' | 'add-reference';

/** One change the app made to a cluster, as appended to the activity log (JSON lines, no tokens). */
export interface ActivityEntry {
  readonly id: string;
  readonly at: string;
  /** OS user and host that ran ghcr-desk. */
  readonly actor: string;
  readonly context: string;
  readonly action: ActivityAction;
  readonly namespaces: readonly string[];
  readonly outcome: 'succeeded' | 'partial' | 'failed' | 'cancelled';
  readonly summary: string;
}

/** A page of the activity log, newest first; `nextCursor` asks for the entries older than this page. */
export interface ActivityPage {
  readonly entries: readonly ActivityEntry[];
  readonly nextCursor?: string;
  /** Lines of the log file that could not be read (a crash mid-write); they are skipped, not fatal. */
  readonly unreadableLines: number;
}
