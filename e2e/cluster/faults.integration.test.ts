import { CoreV1Api, makeInformer, type V1ConfigMap } from '@kubernetes/client-node';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlPlane, type ControlPlane } from './control-plane.ts';
import { isProcessAlive } from './managed-process.ts';
import { loadKubeConfig } from './shared-control-plane.ts';
import { waitFor } from './wait-for.ts';

// These tests break the control plane, so they get one of their own.
describe('fault controls of a private control plane', () => {
  let plane: ControlPlane;
  let core: CoreV1Api;

  beforeAll(async () => {
    plane = await startControlPlane();
    core = loadKubeConfig(plane.kubeconfigPath).makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'faults' } } });
  });

  afterAll(async () => {
    await plane?.stop();
  });

  const configMap = (name: string) =>
    core.createNamespacedConfigMap({ namespace: 'faults', body: { metadata: { name } } });
  const apiserverDown = () =>
    core.listNamespace().then(
      () => false,
      () => true,
    );

  it('a client-node informer survives an apiserver restart and sees what happens after it', async () => {
    const config = loadKubeConfig(plane.kubeconfigPath);
    const informer = makeInformer<V1ConfigMap>(config, '/api/v1/namespaces/faults/configmaps', () =>
      core.listNamespacedConfigMap({ namespace: 'faults' }),
    );
    const seen = new Set<string>();
    let errors = 0;
    let stopped = false;
    informer.on('add', (object) => seen.add(object.metadata?.name ?? ''));
    // client-node informers stop on a connection error; the documented remedy is to start them again.
    informer.on('error', () => {
      errors++;
      if (!stopped) setTimeout(() => void informer.start().catch(() => {}), 300);
    });
    await informer.start();
    try {
      await configMap('before-restart');
      await waitFor('the informer to see before-restart', () => seen.has('before-restart'));
      const apiserverPid = plane.pids()['kube-apiserver'];

      await plane.restartApiserver();
      expect(plane.pids()['kube-apiserver']).not.toBe(apiserverPid);
      await configMap('after-restart');
      await waitFor('the informer to see after-restart', () => seen.has('after-restart'));
      expect(errors).toBeGreaterThan(0); // the restart really cut the watch
      expect(informer.list().map((c) => c.metadata?.name)).toEqual(
        expect.arrayContaining(['before-restart', 'after-restart']),
      );
    } finally {
      stopped = true;
      await informer.stop();
    }
  });

  it('stops the apiserver for some seconds, then serves the same data on the same address', async () => {
    const down = plane.stopApiserverFor(3);
    await waitFor('the apiserver to be unreachable', apiserverDown);
    await down;
    expect(await apiserverDown()).toBe(false);
    expect((await core.readNamespace({ name: 'faults' })).metadata?.name).toBe('faults');
  });

  it('restarts etcd (even killed) without losing data', async () => {
    await configMap('before-etcd-restart');
    const etcdPid = plane.pids()['etcd'];
    await plane.restartEtcd({ kill: true });
    expect(plane.pids()['etcd']).not.toBe(etcdPid);
    await waitFor('the configmap to be readable', () =>
      core.readNamespacedConfigMap({ name: 'before-etcd-restart', namespace: 'faults' }).then(() => true),
    );
    await configMap('after-etcd-restart');
  });

  it('leaves no process and no directory behind when stopped', async () => {
    const other = await startControlPlane({ waitForControllers: false });
    const pids = Object.values(other.pids());
    expect(pids).toHaveLength(3);
    expect(pids.every(isProcessAlive)).toBe(true);
    await other.stop();
    expect(pids.filter(isProcessAlive)).toEqual([]);
    expect(existsSync(other.dir)).toBe(false);
  });
});

describe('a control plane whose owner dies', () => {
  it.each(['SIGKILL', 'SIGTERM'] as const)('is taken down with it on %s', async (signal) => {
    const owner = spawn(process.execPath, [join(import.meta.dirname, 'control-plane-owner.fixture.ts')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: owner.stdout }).once('line', resolve);
        owner.once('exit', (code) => reject(new Error(`the owner exited ${code} before starting`)));
      });
      const { pids, dir } = JSON.parse(line) as { pids: Record<string, number>; dir: string };
      const children = Object.values(pids);
      expect(children.every(isProcessAlive)).toBe(true);
      owner.kill(signal);
      // SIGTERM: the owner's handler kills the groups; SIGKILL: its watchdog does, within a second or two.
      await waitFor(
        'every control-plane process to be gone',
        () => children.every((pid) => !isProcessAlive(pid)),
        {
          timeoutMs: 20_000,
        },
      );
      if (signal === 'SIGKILL') await waitFor('the instance directory to be removed', () => !existsSync(dir));
    } finally {
      owner.kill('SIGKILL');
    }
  });
});
