import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlPlane, type ControlPlane } from '../../../e2e/cluster/control-plane.ts';
import { freePort } from '../../../e2e/cluster/free-port.ts';
import { loadKubeConfig, sharedControlPlane } from '../../../e2e/cluster/shared-control-plane.ts';
import { uniqueName } from '../../../e2e/cluster/wait-for.ts';
import { DeskError } from '../../../shared/contract/result.ts';
import { createKubeClient, type KubeClient } from './kube-client.ts';
import { KubeApiError } from './kube-errors.ts';

interface Namespace {
  metadata: { name: string; labels?: Record<string, string> };
}
interface ConfigMap {
  metadata: { name: string; resourceVersion?: string };
  data?: Record<string, string>;
}

function clientFor(kubeconfigPath: string): KubeClient {
  const config = loadKubeConfig(kubeconfigPath);
  return createKubeClient(config, config.getCurrentContext());
}

describe('kube client against the real apiserver', () => {
  let admin: KubeClient;
  const run = uniqueName('kc');
  beforeAll(async () => {
    admin = clientFor((await sharedControlPlane()).kubeconfigPath);
    for (let i = 0; i < 5; i += 1) {
      await admin.request({
        method: 'POST',
        path: '/api/v1/namespaces',
        body: { metadata: { name: `${run}-${i}`, labels: { 'ghcr-desk.test/run': run } } },
      });
    }
  });
  afterAll(async () => admin.close());

  it('lists a collection page by page and counts every request', async () => {
    const before = admin.stats().requests;
    const { items, resourceVersion } = await admin.list<Namespace>('/api/v1/namespaces', {
      labelSelector: `ghcr-desk.test/run=${run}`,
      pageSize: 2,
    });
    expect(items.map((n) => n.metadata.name).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `${run}-${i}`));
    expect(resourceVersion).toMatch(/^\d+$/);
    expect(admin.stats().requests - before).toBe(3); // 2 + 2 + 1
  });

  it('turns refusals into KubeApiError with the Status reason', async () => {
    const namespace = `${run}-0`;
    const missing = admin.request({ path: `/api/v1/namespaces/${namespace}/secrets/nope` });
    await expect(missing).rejects.toMatchObject({ status: 404, reason: 'NotFound' });

    const created = await admin.request<ConfigMap>({
      method: 'POST',
      path: `/api/v1/namespaces/${namespace}/configmaps`,
      body: { metadata: { name: 'cm' }, data: { a: '1' } },
    });
    await admin.request({
      method: 'PUT',
      path: `/api/v1/namespaces/${namespace}/configmaps/cm`,
      body: { ...created, data: { a: '2' } },
    });
    const stale = admin.request({
      method: 'PUT',
      path: `/api/v1/namespaces/${namespace}/configmaps/cm`,
      body: { ...created, data: { a: '3' } },
    });
    await expect(stale).rejects.toMatchObject({ status: 409, reason: 'Conflict' });
    await expect(stale).rejects.toBeInstanceOf(KubeApiError);
  });

  it('reports RBAC refusals of a restricted user as 403 Forbidden', async () => {
    const restricted = clientFor((await sharedControlPlane()).restrictedKubeconfigPath);
    try {
      const namespaces = await restricted.list<Namespace>('/api/v1/namespaces', {
        labelSelector: `ghcr-desk.test/run=${run}`,
      });
      expect(namespaces.items).toHaveLength(5); // reading is allowed everywhere
      const write = restricted.request({
        method: 'POST',
        path: `/api/v1/namespaces/${run}-1/secrets`,
        body: { metadata: { name: 's' }, stringData: { a: 'b' } },
      });
      await expect(write).rejects.toMatchObject({ status: 403, reason: 'Forbidden' });
    } finally {
      await restricted.close();
    }
  });
});

describe('kube client failures an operator must understand', () => {
  async function kubeconfigWith(server: string, user: object): Promise<KubeConfig> {
    const dir = await mkdtemp(join(tmpdir(), 'kube-client-'));
    const path = join(dir, 'config');
    await writeFile(
      path,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { server, 'insecure-skip-tls-verify': true } }],
        users: [{ name: 'u', user }],
        contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'ctx',
      }),
    );
    return loadKubeConfig(path);
  }

  it('says nothing answers when the apiserver is down', async () => {
    const client = createKubeClient(
      await kubeconfigWith(`https://127.0.0.1:${await freePort()}`, { token: 'x'.repeat(20) }),
      'ctx',
    );
    const attempt = client.request({ path: '/version' });
    await expect(attempt).rejects.toBeInstanceOf(DeskError);
    await expect(attempt).rejects.toMatchObject({
      code: 'cluster-unreachable',
      message: expect.stringMatching(/connection refused/),
    });
  });

  it('names a missing exec credential plugin and PATH', async () => {
    const user = {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: 'ghcr-desk-no-such-plugin',
        interactiveMode: 'Never',
      },
    };
    const client = createKubeClient(await kubeconfigWith((await sharedControlPlane()).server, user), 'ctx');
    const attempt = client.request({ path: '/version' });
    await expect(attempt).rejects.toMatchObject({
      code: 'kubeconfig-invalid',
      message: expect.stringMatching(/"ghcr-desk-no-such-plugin", which is not on PATH/),
    });
  });

  it('says the credentials were refused when the token is not accepted', async () => {
    const client = createKubeClient(
      await kubeconfigWith((await sharedControlPlane()).server, { token: 'expired-token-0123456789' }),
      'ctx',
    );
    await expect(client.request({ path: '/api/v1/namespaces' })).rejects.toMatchObject({ status: 401 });
  });
});

describe('kube client under API throttling (429 with Retry-After)', () => {
  let plane: ControlPlane;
  beforeAll(async () => {
    // No priority-and-fairness and one read in flight: concurrent LISTs get real 429s with Retry-After.
    plane = await startControlPlane({
      waitForControllers: false,
      apiserverArgs: [
        '--enable-priority-and-fairness=false',
        '--max-requests-inflight=1',
        '--max-mutating-requests-inflight=1',
      ],
    });
  });
  afterAll(async () => plane?.stop());

  it('waits out every 429 and completes all requests', async () => {
    const admin = clientFor(plane.kubeconfigPath);
    // The in-flight limit exempts system:masters (the admin): the load comes from the restricted user.
    const restricted = clientFor(plane.restrictedKubeconfigPath);
    try {
      const payload = 'x'.repeat(20_000);
      await admin.request({
        method: 'POST',
        path: '/api/v1/namespaces',
        body: { metadata: { name: 'load' } },
      });
      for (let i = 0; i < 100; i += 1) {
        await admin.request({
          method: 'POST',
          path: '/api/v1/namespaces/load/configmaps',
          body: { metadata: { name: `cm-${i}` }, data: { payload } },
        });
      }
      const lists = await Promise.all(
        Array.from({ length: 40 }, () => restricted.list<ConfigMap>('/api/v1/namespaces/load/configmaps')),
      );
      // kube-root-ca.crt appears in the namespace whenever the controller-manager gets to it: count ours.
      const ours = (list: { items: ConfigMap[] }) =>
        list.items.filter((cm) => cm.metadata.name.startsWith('cm-'));
      expect(lists.every((list) => ours(list).length === 100)).toBe(true);
      expect(restricted.stats().throttled).toBeGreaterThan(0);
    } finally {
      await Promise.all([admin.close(), restricted.close()]);
    }
  });
});
