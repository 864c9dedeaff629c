import type { KubeClient } from '../kube-client.ts';
import type {
  NamespaceObject,
  PodObject,
  SecretObject,
  ServiceAccountObject,
  WorkloadObject,
} from '../kube-objects.ts';
import type { WorkloadKind } from '../../../../shared/domain/cluster.ts';

/** Everything an audit reads, from one cluster-wide LIST per kind. */
export interface ClusterSnapshot {
  readonly namespaces: readonly NamespaceObject[];
  readonly workloads: readonly { readonly kind: WorkloadKind; readonly object: WorkloadObject }[];
  /** Only secrets named like the pull secret (a field selector: other secrets never leave the apiserver). */
  readonly secrets: readonly SecretObject[];
  readonly serviceAccounts: readonly ServiceAccountObject[];
  readonly pods: readonly PodObject[];
}

export interface SnapshotOptions {
  /** Settings › namespace label selector (server-side); empty: every namespace. */
  readonly labelSelector: string;
  readonly secretName: string;
  /** Read only this namespace (namespaced LISTs): one project refreshed after a change. */
  readonly namespace?: string;
  /**
   * Only what names the projects (namespaces, workloads, service accounts): no pods, no pull secrets. A
   * re-sync plans over this and reads the secrets itself.
   */
  readonly projectsOnly?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Seven cluster-wide, paginated LISTs, whatever the number of namespaces: namespaces, the three workload
 * kinds, the pull secrets by name, service accounts (admission copies their imagePullSecrets into pods) and
 * pods (ready/total, pull errors). Never one request per namespace: a thousand tenants cost the same seven
 * requests (plus a page per 500 objects) as ten.
 */
export async function readClusterSnapshot(
  client: KubeClient,
  options: SnapshotOptions,
): Promise<ClusterSnapshot> {
  const signal = options.signal ? { signal: options.signal } : {};
  const list = <T>(path: string, extra: { labelSelector?: string; fieldSelector?: string } = {}) =>
    client.list<T>(path, { ...extra, ...signal }).then((result) => result.items);
  const core = options.namespace ? `/api/v1/namespaces/${options.namespace}` : '/api/v1';
  const apps = options.namespace ? `/apis/apps/v1/namespaces/${options.namespace}` : '/apis/apps/v1';
  const [namespaces, deployments, statefulSets, daemonSets, secrets, serviceAccounts, pods] =
    await Promise.all([
      // The label selector is evaluated by the apiserver, also for a single namespace.
      list<NamespaceObject>('/api/v1/namespaces', {
        labelSelector: options.labelSelector,
        ...(options.namespace ? { fieldSelector: `metadata.name=${options.namespace}` } : {}),
      }),
      list<WorkloadObject>(`${apps}/deployments`),
      list<WorkloadObject>(`${apps}/statefulsets`),
      list<WorkloadObject>(`${apps}/daemonsets`),
      options.projectsOnly
        ? []
        : list<SecretObject>(`${core}/secrets`, { fieldSelector: `metadata.name=${options.secretName}` }),
      list<ServiceAccountObject>(`${core}/serviceaccounts`),
      options.projectsOnly ? [] : list<PodObject>(`${core}/pods`),
    ]);
  return {
    namespaces,
    workloads: [
      ...deployments.map((object) => ({ kind: 'Deployment' as const, object })),
      ...statefulSets.map((object) => ({ kind: 'StatefulSet' as const, object })),
      ...daemonSets.map((object) => ({ kind: 'DaemonSet' as const, object })),
    ],
    secrets,
    serviceAccounts,
    pods,
  };
}
