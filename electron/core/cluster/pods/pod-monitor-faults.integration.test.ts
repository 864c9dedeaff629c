import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlPlane, type ControlPlane } from '../../../../e2e/cluster/control-plane.ts';
import { waitFor } from '../../../../e2e/cluster/wait-for.ts';
import type { PodChangeBatch } from '../../../../shared/domain/cluster.ts';
import { openKubeClient } from '../cluster-access.ts';
import type { KubeClient } from '../kube-client.ts';
import { startPodMonitor, type PodMonitor } from './pod-monitor.ts';

const NAMESPACE = 'tenant-faults';

// Outages of a private control plane under a running monitor: the watch must come back by itself, relist
// when its resourceVersion is gone (410), and leave the UI with the cluster's state, not the old one.
describe('the live pod monitor through apiserver outages', () => {
  let plane: ControlPlane;
  let client: KubeClient;
  let monitor: PodMonitor;
  const batches: PodChangeBatch[] = [];

  const pod = (name: string) => ({
    metadata: { name },
    spec: { containers: [{ name: 'web', image: 'ghcr.io/alice/web:1' }] },
  });
  const createPod = (name: string) =>
    plane.admin.request('POST', `/api/v1/namespaces/${NAMESPACE}/pods`, { body: pod(name) });
  const deletePod = (name: string) =>
    plane.admin.request('DELETE', `/api/v1/namespaces/${NAMESPACE}/pods/${name}`, {
      query: { gracePeriodSeconds: 0 },
    });
  const seenPods = () => {
    const pods = new Set<string>();
    for (const batch of batches) {
      for (const p of batch.upserted) pods.add(p.name);
      for (const p of batch.removed) pods.delete(p.name);
    }
    return pods;
  };
  const latestTotal = () => batches.findLast((b) => b.projectPods[NAMESPACE])?.projectPods[NAMESPACE]?.total;

  beforeAll(async () => {
    plane = await startControlPlane();
    await plane.admin.request('POST', '/api/v1/namespaces', { body: { metadata: { name: NAMESPACE } } });
    await waitFor('the default ServiceAccount', () =>
      plane.admin.request('GET', `/api/v1/namespaces/${NAMESPACE}/serviceaccounts/default`).then(() => true),
    );
    client = openKubeClient({ kubeconfigPath: plane.kubeconfigPath, kubeContext: '' });
    monitor = startPodMonitor({
      client,
      projectNamespaces: () => new Set([NAMESPACE]),
      onBatch: (batch) => batches.push(batch),
      backOff: { initialMs: 200, maxMs: 1000 },
    });
    await waitFor('the initial batch', () => batches.length > 0);
  });

  afterAll(async () => {
    await monitor?.stop();
    await client?.close();
    await plane?.stop();
  });

  it('after an apiserver restart it relists (410 Gone) and shows what changed meanwhile', async () => {
    await createPod('before-restart');
    await createPod('deleted-during-restart');
    await waitFor('both pods in the batches', () => seenPods().size === 2);
    // Writes elsewhere move etcd's revision past the watch's last resourceVersion, so the restarted
    // apiserver's fresh watch cache no longer reaches back to it.
    await plane.admin.request('POST', `/api/v1/namespaces/${NAMESPACE}/configmaps`, {
      body: { metadata: { name: 'moves-the-revision' } },
    });
    const before = monitor.stats().pods;

    await plane.restartApiserver();
    await deletePod('deleted-during-restart');
    await createPod('after-restart');

    await waitFor('the state after the restart', () => {
      const pods = seenPods();
      return pods.has('after-restart') && !pods.has('deleted-during-restart') && pods.has('before-restart');
    });
    expect(latestTotal()).toBe(2);
    expect(monitor.stats().pods.lists).toBeGreaterThan(before.lists);
    expect(batches.map((batch) => batch.sequence)).toEqual(batches.map((_, i) => i + 1));
  });

  it('restarts a watch that failed (apiserver unreachable for seconds) and catches up', async () => {
    const before = monitor.stats().pods;
    await plane.stopApiserverFor(4);
    await createPod('after-outage');
    await waitFor('the pod created after the outage', () => seenPods().has('after-outage'));
    const after = monitor.stats().pods;
    expect(after.errors).toBeGreaterThan(before.errors); // client-node stopped the informer; we restarted it
    expect(latestTotal()).toBe(3);
    expect(monitor.podCounts(NAMESPACE)).toEqual({ total: 3, ready: 0, pullErrors: 0 });
  });
});
