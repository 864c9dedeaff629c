import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlPlaneInfo } from '../../../../e2e/cluster/control-plane.ts';
import type { KubeHttp } from '../../../../e2e/cluster/kube-http.ts';
import { startNodeSimulator, type NodeSimulator } from '../../../../e2e/cluster/node-simulator.ts';
import { kubeHttpFor, sharedControlPlane } from '../../../../e2e/cluster/shared-control-plane.ts';
import { uniqueName, waitFor } from '../../../../e2e/cluster/wait-for.ts';
import { b64, createTenant, dockerConfig } from '../../../../e2e/engine/tenants.ts';
import { startStandInGitHub, type StandInGitHub } from '../../../../e2e/github/stand-in-github.ts';
import type { PodChangeBatch, PodInfo } from '../../../../shared/domain/cluster.ts';
import { DEFAULT_REQUIRED_SCOPES } from '../../../../shared/domain/github.ts';
import { openKubeClient } from '../cluster-access.ts';
import type { KubeClient } from '../kube-client.ts';
import { startPodMonitor, type PodMonitor } from './pod-monitor.ts';

// The live pod monitor against the real apiserver, with the node simulator pulling from the stand-in ghcr:
// a tenant stuck on a scope-less token turns Running once its secret is fixed, and the UI's batches say so.
describe('the live pod monitor', () => {
  const run = uniqueName('pods');
  let plane: ControlPlaneInfo;
  let admin: KubeHttp;
  let github: StandInGitHub;
  let simulator: NodeSimulator;
  let client: KubeClient;
  let monitor: PodMonitor | undefined;
  const batches: PodChangeBatch[] = [];
  const projects = new Set<string>();
  let tokens: { good: string; scopeless: string };
  const ns = (name: string) => `${run}-${name}`;

  beforeAll(async () => {
    plane = await sharedControlPlane();
    admin = await kubeHttpFor(plane.kubeconfigPath);
    github = await startStandInGitHub();
    github.admin.createUser({ login: 'alice' });
    github.admin.createImage({ repository: 'alice/web', tags: ['1.0'] });
    tokens = {
      good: github.admin.mintToken({ login: 'alice', kind: 'oauth', scopes: [...DEFAULT_REQUIRED_SCOPES] }),
      scopeless: github.admin.mintToken({ login: 'alice', kind: 'oauth', scopes: ['repo', 'workflow'] }),
    };
    simulator = await startNodeSimulator({
      kubeconfigPath: plane.kubeconfigPath,
      managesNamespace: (namespace) => namespace.startsWith(run),
      backOff: { initialMs: 400, maxMs: 1600 },
      showBackOffAfterMs: 150,
    });
    client = openKubeClient({ kubeconfigPath: plane.kubeconfigPath, kubeContext: '' });
  });

  afterAll(async () => {
    await monitor?.stop();
    await client?.close();
    await simulator?.stop();
    await github?.stop();
  });

  const latestPods = (namespace: string): Map<string, PodInfo> => {
    const pods = new Map<string, PodInfo>();
    for (const batch of batches) {
      for (const pod of batch.upserted) if (pod.namespace === namespace) pods.set(pod.name, pod);
      for (const pod of batch.removed) if (pod.namespace === namespace) pods.delete(pod.name);
    }
    return pods;
  };
  const latestCounts = (namespace: string) =>
    batches.findLast((batch) => batch.projectPods[namespace])?.projectPods[namespace];

  it('starts with the counts of every project, then follows a stuck tenant to Running', async () => {
    const stuck = ns('stuck');
    await createTenant(admin, {
      namespace: stuck,
      images: [`${github.registryHost}/alice/web:1.0`],
      secret: { registryHost: github.registryHost, username: 'alice', token: tokens.scopeless },
    });
    await createTenant(admin, {
      namespace: ns('not-a-project'),
      images: [`${github.registryHost}/alice/web:1.0`],
    });
    projects.add(stuck);
    projects.add(ns('empty'));
    monitor = startPodMonitor({ client, projectNamespaces: () => projects, onBatch: (b) => batches.push(b) });

    await waitFor('the initial batch', () => batches.length > 0);
    expect(batches[0]).toMatchObject({ sequence: 1, initial: true, upserted: [], removed: [], events: [] });
    expect(Object.keys(batches[0]?.projectPods ?? {}).sort()).toEqual([ns('empty'), stuck]);
    expect(batches[0]?.projectPods[ns('empty')]).toEqual({ total: 0, ready: 0, pullErrors: 0 });

    await waitFor('ImagePullBackOff in the batches', () =>
      [...latestPods(stuck).values()].some((pod) => pod.waitingReason === 'ImagePullBackOff'),
    );
    expect(latestCounts(stuck)).toEqual({ total: 1, ready: 0, pullErrors: 1 });
    const [pod] = [...latestPods(stuck).values()];
    if (!pod) throw new Error('no pod of the stuck tenant in the batches');
    expect(pod).toMatchObject({
      phase: 'Pending',
      ready: false,
      workload: { kind: 'Deployment', name: 'web' },
    });
    await waitFor('the registry refusal as a Warning Event', () =>
      batches.some((batch) =>
        batch.events.some((event) => event.namespace === stuck && /denied|DENIED|403/.test(event.message)),
      ),
    );
    const podName = pod.name;

    // The operator's fix: the secret gets a token with read:packages; kubelet's next retry pulls.
    await admin.request('PUT', `/api/v1/namespaces/${stuck}/secrets/ghcr-secret`, {
      body: {
        metadata: { name: 'ghcr-secret' },
        type: 'kubernetes.io/dockerconfigjson',
        data: { '.dockerconfigjson': b64(dockerConfig(github.registryHost, 'alice', tokens.good)) },
      },
    });
    await waitFor(
      'the same pod Running and ready in the batches',
      () => latestPods(stuck).get(podName)?.ready,
    );
    expect(latestPods(stuck).get(podName)).toMatchObject({ phase: 'Running', readyContainers: 1 });
    expect(latestCounts(stuck)).toEqual({ total: 1, ready: 1, pullErrors: 0 });

    // Only project namespaces reach the UI; batches are numbered without gaps; no token anywhere.
    for (const batch of batches) {
      expect(Object.keys(batch.projectPods).every((namespace) => projects.has(namespace))).toBe(true);
      expect(batch.upserted.every((p) => projects.has(p.namespace))).toBe(true);
      expect(batch.events.every((e) => projects.has(e.namespace))).toBe(true);
    }
    expect(batches.map((batch) => batch.sequence)).toEqual(batches.map((_, i) => i + 1));
    const wire = JSON.stringify(batches);
    expect(wire).not.toContain(tokens.good);
    expect(wire).not.toContain(tokens.scopeless);
    expect(monitor.podCounts(stuck)).toEqual({ total: 1, ready: 1, pullErrors: 0 });
    expect(monitor.stats().pods).toMatchObject({ lists: 1, errors: 0 });
  });

  it('reports a deleted pod as removed and its namespace recounted', async () => {
    const stuck = ns('stuck');
    const [podName] = latestPods(stuck).keys();
    await admin.request('DELETE', `/api/v1/namespaces/${stuck}/pods/${podName}`, {
      query: { gracePeriodSeconds: 0 },
    });
    await waitFor('the removal in a batch', () =>
      batches.some((batch) => batch.removed.some((p) => p.namespace === stuck && p.name === podName)),
    );
    // The ReplicaSet makes a replacement, which the simulator runs with the fixed secret.
    await waitFor('a replacement pod Running', () =>
      [...latestPods(stuck).values()].some((p) => p.name !== podName && p.ready),
    );
    expect(latestCounts(stuck)).toEqual({ total: 1, ready: 1, pullErrors: 0 });
  });

  // client-node 2.0.0 aborted every watch 30 s after it started, even while events flowed (issue #3020);
  // the pinned version only gives up on a connection that stays silent. One watch must carry it all.
  it('holds one watch open for more than 60 s while pods keep changing', { timeout: 120_000 }, async () => {
    const stuck = ns('stuck');
    if (!monitor) throw new Error('the first test starts the monitor');
    const before = monitor.stats().pods;
    const started = Date.now();
    let round = 0;
    while (Date.now() - started < 65_000) {
      round += 1;
      const [name] = latestPods(stuck).keys();
      await admin.request('PATCH', `/api/v1/namespaces/${stuck}/pods/${name}`, {
        contentType: 'application/merge-patch+json',
        body: { metadata: { labels: { round: String(round) } } },
      });
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
    const after = monitor.stats().pods;
    expect(after.watches).toBe(before.watches);
    expect(after.lists).toBe(before.lists);
    expect(after.errors).toBe(0);
  });
});
