import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { KUBE_VERSION } from './binaries.ts';
import type { ControlPlaneInfo } from './control-plane.ts';
import { loadKubeConfig, sharedControlPlane } from './shared-control-plane.ts';
import { uniqueName, waitFor } from './wait-for.ts';

const execFileAsync = promisify(execFile);

describe('the test control plane', () => {
  let plane: ControlPlaneInfo;
  let core: CoreV1Api;
  let apps: AppsV1Api;

  beforeAll(async () => {
    plane = await sharedControlPlane();
    const config = loadKubeConfig(plane.kubeconfigPath);
    core = config.makeApiClient(CoreV1Api);
    apps = config.makeApiClient(AppsV1Api);
  });

  it('answers kubectl through the admin kubeconfig with the pinned server version', async () => {
    const { stdout } = await execFileAsync(plane.kubectl, [
      '--kubeconfig',
      plane.kubeconfigPath,
      'version',
      '-o',
      'json',
    ]);
    const versions = JSON.parse(stdout) as {
      serverVersion: { gitVersion: string };
      clientVersion: { gitVersion: string };
    };
    expect(versions.serverVersion.gitVersion).toBe(KUBE_VERSION);
    expect(versions.clientVersion.gitVersion).toBe(KUBE_VERSION);
  });

  it('offers both users as contexts of the combined kubeconfig', async () => {
    const { stdout } = await execFileAsync(plane.kubectl, [
      '--kubeconfig',
      plane.combinedKubeconfigPath,
      'config',
      'get-contexts',
      '-o',
      'name',
    ]);
    expect(stdout.trim().split('\n').sort()).toEqual(['ghcr-desk-test-admin', 'ghcr-desk-test-restricted']);
    const whoami = await execFileAsync(plane.kubectl, [
      '--kubeconfig',
      plane.combinedKubeconfigPath,
      '--context',
      'ghcr-desk-test-restricted',
      'auth',
      'whoami',
      '-o',
      'jsonpath={.status.userInfo.username}',
    ]);
    expect(whoami.stdout).toBe(plane.restrictedUser);
  });

  it('runs the controllers: a namespace gets its ServiceAccount, a Deployment its ReplicaSet and pods, deletion finishes', async () => {
    const namespace = uniqueName('cp');
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await waitFor('the default ServiceAccount', () =>
      core.readNamespacedServiceAccount({ name: 'default', namespace }).then(() => true),
    );
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: '127.0.0.1:1/nobody/web:1' }] },
          },
        },
      },
    });
    const pods = await waitFor('two pods of the Deployment', async () => {
      const list = await core.listNamespacedPod({ namespace, labelSelector: 'app=web' });
      return list.items.length === 2 ? list.items : undefined;
    });
    expect(pods.every((p) => p.metadata?.ownerReferences?.[0]?.kind === 'ReplicaSet')).toBe(true);

    await core.deleteNamespace({ name: namespace });
    // Pods without a node are deleted at once; the namespace controller then removes the namespace.
    await waitFor('the namespace to be gone', () =>
      core.readNamespace({ name: namespace }).then(
        () => false,
        (error: { code?: number }) => error.code === 404,
      ),
    );
  });
});
