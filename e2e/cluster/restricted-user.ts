import { KubeApiError, type KubeHttp } from './kube-http.ts';

/** The user of `restricted.kubeconfig` (certificate CN). */
export const RESTRICTED_USER = 'restricted-operator';
/** Namespaces carrying this label are the ones the restricted user may write Secrets in. */
export const WRITABLE_LABEL = 'ghcr-desk.test/writable';

const READ_ALL = 'ghcr-desk-test:read-all';
const WRITE_SECRETS = 'ghcr-desk-test:write-secrets';

interface NamedObject {
  readonly metadata: { readonly name: string; readonly [field: string]: unknown };
  readonly [field: string]: unknown;
}

async function createOrReplace(admin: KubeHttp, collection: string, object: NamedObject): Promise<void> {
  try {
    await admin.request('POST', collection, { body: object });
  } catch (error) {
    if (!(error instanceof KubeApiError && error.status === 409)) throw error;
    const current = await admin.request<{ metadata: { resourceVersion: string } }>(
      'GET',
      `${collection}/${object.metadata.name}`,
    );
    await admin.request('PUT', `${collection}/${object.metadata.name}`, {
      body: {
        ...object,
        metadata: { ...object.metadata, resourceVersion: current.metadata.resourceVersion },
      },
    });
  }
}

/**
 * RBAC of the restricted user, modelled on an operator who may look at the whole cluster but change pull
 * secrets only in the tenant namespaces they were given: a ClusterRole to get/list/watch everything (bound
 * cluster-wide) and a ClusterRole to write Secrets, bound per namespace by `grantSecretWrites`.
 */
export async function setUpRestrictedUser(admin: KubeHttp): Promise<void> {
  const roles = '/apis/rbac.authorization.k8s.io/v1/clusterroles';
  await createOrReplace(admin, roles, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: READ_ALL },
    rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] }],
  });
  await createOrReplace(admin, roles, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: WRITE_SECRETS },
    rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'update', 'patch', 'delete'] }],
  });
  await createOrReplace(admin, '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: READ_ALL },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: READ_ALL },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: RESTRICTED_USER }],
  });
}

/**
 * Lets the restricted user write Secrets in `namespace` (which must exist): labels it
 * `ghcr-desk.test/writable=true` and binds the write role there. Idempotent.
 */
export async function grantSecretWrites(admin: KubeHttp, namespace: string): Promise<void> {
  await admin.request('PATCH', `/api/v1/namespaces/${namespace}`, {
    contentType: 'application/merge-patch+json',
    body: { metadata: { labels: { [WRITABLE_LABEL]: 'true' } } },
  });
  await createOrReplace(admin, `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: WRITE_SECRETS, namespace, labels: { [WRITABLE_LABEL]: 'true' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: WRITE_SECRETS },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: RESTRICTED_USER }],
  });
}

/** Takes the grant back: removes the RoleBinding and the label. Idempotent. */
export async function revokeSecretWrites(admin: KubeHttp, namespace: string): Promise<void> {
  try {
    await admin.request(
      'DELETE',
      `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings/${WRITE_SECRETS}`,
    );
  } catch (error) {
    if (!(error instanceof KubeApiError && error.status === 404)) throw error;
  }
  await admin.request('PATCH', `/api/v1/namespaces/${namespace}`, {
    contentType: 'application/merge-patch+json',
    body: { metadata: { labels: { [WRITABLE_LABEL]: null } } },
  });
}
