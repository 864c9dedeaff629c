import type { KubeHttp } from '../../e2e/cluster/kube-http.ts';
import { waitFor } from '../../e2e/cluster/wait-for.ts';
import { b64, dockerConfig } from '../../e2e/engine/tenants.ts';
import { DEFAULT_SETTINGS } from '../../shared/contract/settings-schema.ts';
import { pool } from './pool.ts';

/** A project namespace of the benchmarks and the login whose images it pulls. */
export interface BenchTenant {
  readonly namespace: string;
  readonly owner: string;
}

export const SECRET_NAME = DEFAULT_SETTINGS.pullSecretName;
/** Another registry's entry in every pull secret: a correct re-sync keeps it. */
export const OTHER_REGISTRY = 'registry.example.com';
const SETUP_CONCURRENCY = 32;

/** `count` namespaces `project-p<i>-prod`, owned round-robin by `owners`. */
export function benchTenants(count: number, owners: readonly string[]): BenchTenant[] {
  return Array.from({ length: count }, (_, i) => ({
    namespace: `project-p${i}-prod`,
    owner: owners[i % owners.length] as string,
  }));
}

/** The whole Secret object as the platform writes it: `login:token` for the registry, plus another entry. */
export function pullSecretObject(namespace: string, registryHost: string, login: string, token: string) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: SECRET_NAME, namespace },
    type: 'kubernetes.io/dockerconfigjson',
    data: {
      '.dockerconfigjson': b64(
        dockerConfig(registryHost, login, token, {
          [OTHER_REGISTRY]: { auth: b64('ci:other-registry-password') },
        }),
      ),
    },
  };
}

/**
 * Creates each tenant (namespace, pull secret holding `tokenOf(tenant)`, a Deployment pulling
 * `<registry>/<owner>/web:1.0` with it) with the harness's own client, then waits until the controllers
 * have made every pod, so their work does not overlap what is measured next.
 */
export async function createTenants(
  admin: KubeHttp,
  tenants: readonly BenchTenant[],
  registryHost: string,
  tokenOf: (tenant: BenchTenant) => string,
): Promise<void> {
  await pool(tenants, SETUP_CONCURRENCY, async (tenant) => {
    const { namespace, owner } = tenant;
    await admin.request('POST', '/api/v1/namespaces', { body: { metadata: { name: namespace } } });
    await admin.request('POST', `/api/v1/namespaces/${namespace}/secrets`, {
      body: pullSecretObject(namespace, registryHost, owner, tokenOf(tenant)),
    });
    await admin.request('POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, {
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 1,
          // The pods never get a node: without this, 10 minutes in, the deployment controller would
          // mark every Deployment failed at once, a burst of writes in the middle of a measurement.
          progressDeadlineSeconds: 86_400,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              imagePullSecrets: [{ name: SECRET_NAME }],
              containers: [{ name: 'web', image: `${registryHost}/${owner}/web:1.0` }],
            },
          },
        },
      },
    });
  });
  await waitFor(
    `a pod for each of the ${tenants.length} Deployments`,
    async () => {
      // One item per page and the server's count of the rest: cheap, whatever the number of pods.
      const page = await admin.request<{ items: unknown[]; metadata: { remainingItemCount?: number } }>(
        'GET',
        '/api/v1/pods',
        { query: { limit: 1 } },
      );
      return page.items.length + (page.metadata.remainingItemCount ?? 0) >= tenants.length;
    },
    { timeoutMs: 15 * 60_000, intervalMs: 1000 },
  );
}

/** Overwrites every tenant's pull secret (unconditional PUT: also drops what a side added, annotations too). */
export async function writePullSecrets(
  admin: KubeHttp,
  tenants: readonly BenchTenant[],
  registryHost: string,
  tokenOf: (tenant: BenchTenant) => string,
): Promise<void> {
  await pool(tenants, SETUP_CONCURRENCY, (tenant) =>
    admin.request('PUT', `/api/v1/namespaces/${tenant.namespace}/secrets/${SECRET_NAME}`, {
      body: pullSecretObject(tenant.namespace, registryHost, tenant.owner, tokenOf(tenant)),
    }),
  );
}
