import type { KubeHttp } from '../../e2e/cluster/kube-http.ts';
import { waitFor } from '../../e2e/cluster/wait-for.ts';
import { pool } from './pool.ts';

/** Namespaces, each with the pull secret `ghcr-secret` holding `dockerconfig`. */
export async function createPullSecretNamespaces(
  admin: KubeHttp,
  namespaces: readonly string[],
  dockerconfig: string,
): Promise<void> {
  await pool(namespaces, 16, async (name) => {
    await admin.request('POST', '/api/v1/namespaces', { body: { metadata: { name } } });
    await admin.request('POST', `/api/v1/namespaces/${name}/secrets`, {
      body: {
        metadata: { name: 'ghcr-secret' },
        type: 'kubernetes.io/dockerconfigjson',
        stringData: { '.dockerconfigjson': dockerconfig },
      },
    });
  });
}

/** Until the controller manager has given `count` namespaces their default ServiceAccount (pods wait for it). */
export async function waitForDefaultServiceAccounts(admin: KubeHttp, count: number): Promise<void> {
  await waitFor(
    'every namespace to have its default ServiceAccount',
    async () =>
      (
        await admin.request<{ items: unknown[] }>('GET', '/api/v1/serviceaccounts', {
          query: { fieldSelector: 'metadata.name=default' },
        })
      ).items.length >= count,
    { timeoutMs: 300_000, intervalMs: 500 },
  );
}
