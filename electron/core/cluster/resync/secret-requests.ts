import { CONTENT_TYPES, type KubeClient } from '../kube-client.ts';
import {
  DOCKER_CONFIG_JSON_KEY,
  DOCKER_CONFIG_JSON_TYPE,
  encodeDockerConfig,
  type JsonObject,
} from '../docker-config.ts';
import type { KubeSecret } from './kube-secret.ts';

/** Shown in managedFields: who last wrote the secret. */
export const FIELD_MANAGER = 'ghcr-desk';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface WriteMode {
  /** Server-side dry run (`dryRun=All`): authorization, admission and validation, nothing saved. */
  readonly dryRun: boolean;
}

const query = (mode: WriteMode) => ({
  fieldManager: FIELD_MANAGER,
  ...(mode.dryRun ? { dryRun: 'All' } : {}),
});
const collection = (namespace: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`;
const itemPath = (namespace: string, name: string) => `${collection(namespace)}/${encodeURIComponent(name)}`;

export function readSecret(client: KubeClient, namespace: string, name: string): Promise<KubeSecret> {
  return client.request<KubeSecret>({ path: itemPath(namespace, name) });
}

/** A new pull secret; `from` (a secret being recreated) lends its labels and annotations, and its other data keys when it had the right type. */
export function createSecret(
  client: KubeClient,
  namespace: string,
  name: string,
  config: JsonObject,
  mode: WriteMode & { readonly from?: KubeSecret; readonly generateName?: boolean },
): Promise<KubeSecret> {
  const from = mode.from;
  const annotations = Object.fromEntries(
    Object.entries(from?.metadata.annotations ?? {}).filter(([key]) => key !== LAST_APPLIED),
  );
  const keptData = from && from.type === DOCKER_CONFIG_JSON_TYPE ? from.data : undefined;
  return client.request<KubeSecret>({
    method: 'POST',
    path: collection(namespace),
    query: query(mode),
    body: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        // A dry run of the create half of a recreate: the name is still taken, so ask for a generated one.
        ...(mode.generateName ? { generateName: `${name}-` } : { name }),
        namespace,
        ...(from?.metadata.labels ? { labels: from.metadata.labels } : {}),
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      },
      type: DOCKER_CONFIG_JSON_TYPE,
      data: { ...keptData, [DOCKER_CONFIG_JSON_KEY]: encodeDockerConfig(config) },
    },
  });
}

/** Replaces `.dockerconfigjson` only; the resourceVersion read makes a concurrent change a 409. */
export function updateSecret(
  client: KubeClient,
  secret: KubeSecret,
  config: JsonObject,
  mode: WriteMode,
): Promise<KubeSecret> {
  // Without managedFields the server keeps its own record of them.
  const { managedFields: _managedFields, ...metadata } = secret.metadata;
  return client.request<KubeSecret>({
    method: 'PUT',
    path: itemPath(secret.metadata.namespace, secret.metadata.name),
    query: query(mode),
    contentType: CONTENT_TYPES.json,
    body: {
      ...secret,
      apiVersion: 'v1',
      kind: 'Secret',
      metadata,
      data: { ...secret.data, [DOCKER_CONFIG_JSON_KEY]: encodeDockerConfig(config) },
    },
  });
}

/**
 * Deletes exactly the version that was read (uid + resourceVersion preconditions), or fails with 409.
 * With a DeleteOptions body the apiserver ignores the query's options: `dryRun` must go in the body, or the
 * "dry run" deletes for real.
 */
export async function deleteSecret(client: KubeClient, secret: KubeSecret, mode: WriteMode): Promise<void> {
  await client.request({
    method: 'DELETE',
    path: itemPath(secret.metadata.namespace, secret.metadata.name),
    body: {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      ...(mode.dryRun ? { dryRun: ['All'] } : {}),
      preconditions: {
        ...(secret.metadata.uid ? { uid: secret.metadata.uid } : {}),
        ...(secret.metadata.resourceVersion ? { resourceVersion: secret.metadata.resourceVersion } : {}),
      },
    },
  });
}
