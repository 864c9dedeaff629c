import type { WorkloadKind } from '../../../../shared/domain/cluster.ts';
import { CONTENT_TYPES, type KubeClient } from '../kube-client.ts';
import { failureKind, type RetryPolicy } from './kube-failure.ts';
import { FIELD_MANAGER, type WriteMode } from './secret-requests.ts';

/** Something that should list the pull secret in its `imagePullSecrets`. */
export interface PullSecretReference {
  readonly kind: WorkloadKind | 'ServiceAccount';
  readonly name: string;
}

export interface ServiceAccountLike {
  readonly metadata: { readonly name: string; readonly namespace: string; readonly resourceVersion?: string };
  readonly imagePullSecrets?: readonly { readonly name?: string }[];
}

const WORKLOAD_COLLECTIONS: Readonly<Record<WorkloadKind, string>> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
};

export const describeReference = (reference: PullSecretReference) => `${reference.kind}/${reference.name}`;

export function listsSecret(account: ServiceAccountLike, secretName: string): boolean {
  return (account.imagePullSecrets ?? []).some((ref) => ref.name === secretName);
}

const serviceAccountPath = (namespace: string, name: string) =>
  `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(name)}`;

/**
 * Makes a workload's pod template, or a ServiceAccount, list the pull secret and keep the others.
 * Pod templates take a strategic-merge patch (imagePullSecrets merge by name, so concurrent writers and a
 * second run change nothing). A ServiceAccount's imagePullSecrets has no merge strategy: it gets the whole
 * list back in a merge patch carrying the resourceVersion it was read at, re-read on 409 (bounded).
 * Note that changing a pod template rolls the workload out.
 */
export async function addPullSecretReference(
  client: KubeClient,
  namespace: string,
  reference: PullSecretReference,
  secretName: string,
  mode: WriteMode & { readonly known?: ServiceAccountLike; readonly policy: RetryPolicy },
): Promise<void> {
  const query = { fieldManager: FIELD_MANAGER, ...(mode.dryRun ? { dryRun: 'All' } : {}) };
  if (reference.kind !== 'ServiceAccount') {
    await client.request({
      method: 'PATCH',
      path: `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/${WORKLOAD_COLLECTIONS[reference.kind]}/${encodeURIComponent(reference.name)}`,
      query,
      contentType: CONTENT_TYPES.strategicMergePatch,
      body: { spec: { template: { spec: { imagePullSecrets: [{ name: secretName }] } } } },
    });
    return;
  }
  const path = serviceAccountPath(namespace, reference.name);
  let account = mode.known ?? (await client.request<ServiceAccountLike>({ path }));
  for (let attempt = 1; ; attempt += 1) {
    if (listsSecret(account, secretName)) return;
    try {
      await client.request({
        method: 'PATCH',
        path,
        query,
        contentType: CONTENT_TYPES.mergePatch,
        body: {
          metadata: { resourceVersion: account.metadata.resourceVersion },
          imagePullSecrets: [...(account.imagePullSecrets ?? []), { name: secretName }],
        },
      });
      return;
    } catch (error) {
      if (failureKind(error) !== 'conflict' || attempt >= mode.policy.conflictAttempts) throw error;
      account = await client.request<ServiceAccountLike>({ path });
    }
  }
}
