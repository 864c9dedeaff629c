import { ApiException, AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeHttp } from './kube-http.ts';
import { grantSecretWrites, revokeSecretWrites, WRITABLE_LABEL } from './restricted-user.ts';
import { kubeHttpFor, loadKubeConfig, sharedControlPlane } from './shared-control-plane.ts';
import { uniqueName, waitFor } from './wait-for.ts';

/** The HTTP status a client-node call failed with, or 200 if it succeeded. */
async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    if (error instanceof ApiException) return error.code;
    throw error;
  }
}

const secret = (name: string) => ({
  metadata: { name },
  type: 'kubernetes.io/dockerconfigjson',
  stringData: {
    '.dockerconfigjson': JSON.stringify({ auths: { 'ghcr.io': { username: 'octo', password: 'x' } } }),
  },
});

describe('the restricted user', () => {
  let admin: KubeHttp;
  let adminCore: CoreV1Api;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  const writable = uniqueName('rbac-writable');
  const readOnly = uniqueName('rbac-readonly');

  beforeAll(async () => {
    const plane = await sharedControlPlane();
    admin = await kubeHttpFor(plane.kubeconfigPath);
    adminCore = loadKubeConfig(plane.kubeconfigPath).makeApiClient(CoreV1Api);
    const restricted = loadKubeConfig(plane.restrictedKubeconfigPath);
    core = restricted.makeApiClient(CoreV1Api);
    apps = restricted.makeApiClient(AppsV1Api);
    for (const name of [writable, readOnly]) {
      await adminCore.createNamespace({ body: { metadata: { name } } });
      await adminCore.createNamespacedSecret({ namespace: name, body: secret('ghcr-secret') });
    }
    await grantSecretWrites(admin, writable);
  });

  afterAll(async () => {
    for (const name of [writable, readOnly]) await adminCore.deleteNamespace({ name }).catch(() => {});
    admin?.close();
  });

  it('reads everything, everywhere', async () => {
    expect(await statusOf(core.listSecretForAllNamespaces())).toBe(200);
    expect(await statusOf(core.readNamespacedSecret({ name: 'ghcr-secret', namespace: readOnly }))).toBe(200);
    expect(await statusOf(core.listPodForAllNamespaces())).toBe(200);
    expect(await statusOf(apps.listDeploymentForAllNamespaces())).toBe(200);
    const labelled = await core.listNamespace({ labelSelector: `${WRITABLE_LABEL}=true` });
    expect(labelled.items.map((n) => n.metadata?.name)).toContain(writable);
    expect(labelled.items.map((n) => n.metadata?.name)).not.toContain(readOnly);
  });

  it('writes Secrets only in the namespaces granted to it', async () => {
    const patch = (namespace: string) =>
      core.patchNamespacedSecret({
        name: 'ghcr-secret',
        namespace,
        body: [{ op: 'add', path: '/metadata/labels', value: { touched: 'yes' } }],
      });
    expect(await statusOf(patch(writable))).toBe(200);
    expect(
      await statusOf(core.createNamespacedSecret({ namespace: writable, body: secret('another') })),
    ).toBe(200);
    expect(await statusOf(core.deleteNamespacedSecret({ name: 'another', namespace: writable }))).toBe(200);

    expect(await statusOf(patch(readOnly))).toBe(403);
    expect(
      await statusOf(core.createNamespacedSecret({ namespace: readOnly, body: secret('another') })),
    ).toBe(403);
    expect(await statusOf(core.deleteNamespacedSecret({ name: 'ghcr-secret', namespace: readOnly }))).toBe(
      403,
    );
    // A server-side dry run is authorized like the real write.
    expect(
      await statusOf(
        core.createNamespacedSecret({ namespace: readOnly, body: secret('dry'), dryRun: 'All' }),
      ),
    ).toBe(403);
  });

  it('may not write anything else, even where it writes Secrets', async () => {
    expect(
      await statusOf(
        core.createNamespacedConfigMap({ namespace: writable, body: { metadata: { name: 'x' } } }),
      ),
    ).toBe(403);
    expect(await statusOf(core.deleteCollectionNamespacedPod({ namespace: writable }))).toBe(403);
    expect(await statusOf(core.createNamespace({ body: { metadata: { name: uniqueName('nope') } } }))).toBe(
      403,
    );
  });

  it('loses the right when the grant is revoked', async () => {
    const scratch = uniqueName('rbac-revoke');
    await adminCore.createNamespace({ body: { metadata: { name: scratch } } });
    try {
      await grantSecretWrites(admin, scratch);
      const create = () =>
        core.createNamespacedSecret({ namespace: scratch, body: secret('s'), dryRun: 'All' });
      expect(await statusOf(create())).toBe(200);
      await revokeSecretWrites(admin, scratch);
      // RBAC changes reach the authorizer through its informer: allow it a moment.
      await waitFor('the revoked grant to apply', async () => (await statusOf(create())) === 403);
    } finally {
      await adminCore.deleteNamespace({ name: scratch }).catch(() => {});
    }
  });
});
