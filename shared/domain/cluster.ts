/** Cluster-side words of the product: projects, pull secrets, pods, workloads. */
import type { TokenHealth } from './github.ts';

/**
 * What the pull secret of a project looks like, worst first when several apply:
 * - wrong-type: exists but its type is not kubernetes.io/dockerconfigjson (immutable: recreate needed)
 * - malformed: `.dockerconfigjson` missing, not JSON, no `auths`, or no usable entry for the registry
 * - foreign: the entry's username (or the token's login) is not the project's owner
 * - stale: the entry's token differs from the keychain's token for that login
 * - unreferenced: fine, but some workload does not list it in imagePullSecrets
 * - missing: no secret of that name in the namespace
 */
export const PULL_SECRET_STATES = [
  'ok',
  'missing',
  'stale',
  'foreign',
  'malformed',
  'wrong-type',
  'unreferenced',
] as const;
export type PullSecretState = (typeof PULL_SECRET_STATES)[number];

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

export interface WorkloadRef {
  readonly kind: WorkloadKind;
  readonly name: string;
  /** Deployments only: `kubectl rollout restart` refuses paused ones. */
  readonly paused?: boolean;
  readonly referencesPullSecret: boolean;
}

export interface PullSecretSummary {
  readonly name: string;
  readonly state: PullSecretState;
  /** `username` of the registry entry: the account the secret uses. */
  readonly username?: string;
  /** Fingerprint of the token inside (same scheme as Account.fingerprint). */
  readonly fingerprint?: string;
  /** Health of the token inside the secret (one GitHub request per distinct token per audit). */
  readonly tokenHealth?: TokenHealth;
  /** Registries other than ours that the secret also holds; a re-sync keeps them. */
  readonly otherRegistries: readonly string[];
  /** Why the state is what it is, in a sentence; never contains a token. */
  readonly detail?: string;
}

export type ProjectFlag = 'multiple-owners' | 'foreign-token' | 'immutable-secret';

export interface PodCounts {
  readonly total: number;
  readonly ready: number;
  /** Pods with a container waiting in ErrImagePull / ImagePullBackOff / InvalidImageName. */
  readonly pullErrors: number;
}

/** A namespace whose workloads pull from the registry host. */
export interface Project {
  readonly namespace: string;
  /** First path segment of the registry images (`ghcr.io/<owner>/<repo>`); the first one when several. */
  readonly owner: string;
  readonly owners: readonly string[];
  readonly images: readonly string[];
  readonly workloads: readonly WorkloadRef[];
  readonly pullSecret: PullSecretSummary;
  readonly flags: readonly ProjectFlag[];
  readonly pods: PodCounts;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodInfo {
  readonly namespace: string;
  readonly name: string;
  readonly phase: PodPhase;
  readonly ready: boolean;
  readonly readyContainers: number;
  readonly totalContainers: number;
  readonly restarts: number;
  /** e.g. ErrImagePull, ImagePullBackOff, ContainerCreating. */
  readonly waitingReason?: string;
  readonly waitingMessage?: string;
  readonly workload?: { readonly kind: WorkloadKind; readonly name: string };
  readonly createdAt: string;
}

/** A Warning Event about a pod (the kubelet's pull errors live here). */
export interface PodEvent {
  readonly namespace: string;
  readonly podName: string;
  readonly reason: string;
  readonly message: string;
  readonly count: number;
  readonly lastSeen: string;
}

/** What changed since the last batch; the main process sends at most one per ~100 ms. */
export interface PodChangeBatch {
  /** Kube context the batch belongs to; the renderer drops batches of a context it no longer shows. */
  readonly context: string;
  /** +1 per batch; a gap tells the renderer it missed one (e.g. a reconnect) and must refetch. */
  readonly sequence: number;
  /**
   * The first batch of a watch (sequence 1): counts of every project namespace as the watch first saw
   * them, and no pods. Whatever the renderer fetched before may have missed changes: it refetches details.
   */
  readonly initial: boolean;
  /** Per-namespace counts that changed. */
  readonly projectPods: Readonly<Record<string, PodCounts>>;
  readonly upserted: readonly PodInfo[];
  readonly removed: readonly { readonly namespace: string; readonly name: string }[];
  readonly events: readonly PodEvent[];
}

export type RestartOutcome = 'restarted' | 'paused' | 'forbidden' | 'not-found' | 'failed';

export interface RestartResult {
  readonly namespace: string;
  readonly kind: WorkloadKind;
  readonly name: string;
  readonly outcome: RestartOutcome;
  readonly reason?: string;
}

/** A context of the kubeconfig: names only, never its credentials. */
export interface KubeContextInfo {
  readonly name: string;
  readonly cluster: string;
  readonly server: string;
  readonly user: string;
  readonly namespace?: string;
}

export interface KubeContextList {
  /** Where the kubeconfig was read from (path(s) joined by the platform's delimiter). */
  readonly source: string;
  /** The context ghcr-desk uses: Settings › kube context, else the kubeconfig's current-context. */
  readonly active: string;
  readonly kubeconfigCurrent: string;
  readonly contexts: readonly KubeContextInfo[];
}

/** Every project of the active context, as of the last audit. */
export interface ProjectList {
  readonly context: string;
  readonly projects: readonly Project[];
  readonly listedAt: string;
}

/** One project with its live pods and the pull error Events of those pods. */
export interface ProjectDetail {
  readonly context: string;
  readonly project: Project;
  readonly pods: readonly PodInfo[];
  readonly events: readonly PodEvent[];
}

/**
 * How the project list changed. The engine sends `reset` after every full audit (and on a context switch)
 * and `upsert` when single projects change (a pull secret written, a workload added).
 */
export type ProjectsChange =
  | { readonly kind: 'reset'; readonly context: string; readonly projects: readonly Project[] }
  | {
      readonly kind: 'upsert';
      readonly context: string;
      readonly projects: readonly Project[];
      readonly removed: readonly string[];
    };
