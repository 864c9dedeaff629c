import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeSimulator, type NodeSimulator } from '../../../../e2e/cluster/node-simulator.ts';
import { loadKubeConfig } from '../../../../e2e/cluster/shared-control-plane.ts';
import { uniqueName } from '../../../../e2e/cluster/wait-for.ts';
import { mint, startEngineWorld, type EngineWorld } from '../../../../e2e/engine/engine-world.ts';
import { createTenant, waitForPullErrors } from '../../../../e2e/engine/tenants.ts';
import { createKubeClient } from '../kube-client.ts';
import type { WorkloadObject } from '../kube-objects.ts';
import { findStuckWorkloads } from './stuck-workloads.ts';
import { RESTARTED_AT_ANNOTATION, restartWorkload } from './workload-restart.ts';

describe('rollout restart against the real apiserver', () => {
  const prefix = uniqueName('rst');
  let world: EngineWorld;
  let simulator: NodeSimulator;

  beforeAll(async () => {
    world = await startEngineWorld(['alice']);
    simulator = await startNodeSimulator({
      kubeconfigPath: world.plane.kubeconfigPath,
      managesNamespace: (namespace) => namespace.startsWith(prefix),
      backOff: { initialMs: 400, maxMs: 1600 },
      showBackOffAfterMs: 150,
    });
    const scopeless = mint(world.github, 'alice', ['repo']);
    const good = mint(world.github, 'alice');
    const secret = (token: string) => ({ registryHost: world.github.registryHost, username: 'alice', token });
    await Promise.all([
      createTenant(world.admin, {
        namespace: `${prefix}-stuck`,
        images: [world.registryImage('alice')],
        workloads: [
          { kind: 'StatefulSet', name: 'db', images: [world.registryImage('alice')] },
          // Its pull errors come from docker.io: a pull secret of ours cannot fix them.
          { kind: 'Deployment', name: 'elsewhere', images: ['docker.io/nobody/nothing:1'] },
        ],
        secret: secret(scopeless),
      }),
      createTenant(world.admin, {
        namespace: `${prefix}-fine`,
        images: [world.registryImage('alice')],
        secret: secret(good),
      }),
      createTenant(world.admin, {
        namespace: `${prefix}-paused`,
        workloads: [
          { kind: 'Deployment', name: 'web', images: [world.registryImage('alice')], paused: true },
        ],
        secret: secret(good),
      }),
    ]);
  });

  afterAll(async () => {
    await simulator?.stop();
    await world?.stop();
  });

  it('finds the workloads whose pods are stuck pulling from the registry, through their owners', async () => {
    await waitForPullErrors(world.admin, `${prefix}-stuck`, 3);
    const services = world.services();
    const stuck = await findStuckWorkloads(services.cluster.client(), {
      namespaces: [`${prefix}-stuck`, `${prefix}-fine`],
      registryHost: world.github.registryHost,
    });
    expect(stuck).toEqual([
      { namespace: `${prefix}-stuck`, workload: { kind: 'Deployment', name: 'web' } },
      { namespace: `${prefix}-stuck`, workload: { kind: 'StatefulSet', name: 'db' } },
    ]);
  });

  it('restarts them as kubectl rollout restart does and logs one activity entry', async () => {
    const services = world.services();
    const results = await services.restartStuck([`${prefix}-stuck`]);
    expect(results.map((r) => [r.kind, r.name, r.outcome])).toEqual([
      ['Deployment', 'web', 'restarted'],
      ['StatefulSet', 'db', 'restarted'],
    ]);
    const web = await world.admin.request<WorkloadObject>(
      'GET',
      `/apis/apps/v1/namespaces/${prefix}-stuck/deployments/web`,
    );
    const restartedAt = web.spec?.template?.metadata?.annotations?.[RESTARTED_AT_ANNOTATION] ?? '';
    expect(Number.isNaN(Date.parse(restartedAt))).toBe(false);
    const [entry] = (await world.activity.list(10)).entries;
    expect(entry).toMatchObject({
      action: 'restart',
      outcome: 'succeeded',
      namespaces: [`${prefix}-stuck`],
      summary: expect.stringContaining('StatefulSet/db: restarted'),
    });
  });

  it('refuses a paused Deployment with the way out, and says not-found for a gone one', async () => {
    const client = world.services().cluster.client();
    const paused = await restartWorkload(client, `${prefix}-paused`, { kind: 'Deployment', name: 'web' });
    expect(paused).toMatchObject({
      outcome: 'paused',
      reason: expect.stringContaining('kubectl rollout resume'),
    });
    const web = await world.admin.request<WorkloadObject>(
      'GET',
      `/apis/apps/v1/namespaces/${prefix}-paused/deployments/web`,
    );
    expect(web.spec?.template?.metadata?.annotations?.[RESTARTED_AT_ANNOTATION]).toBeUndefined();
    const gone = await restartWorkload(client, `${prefix}-fine`, { kind: 'DaemonSet', name: 'nope' });
    expect(gone.outcome).toBe('not-found');
  });

  it("reports forbidden with the apiserver's reason for a user who may not patch workloads", async () => {
    const config = loadKubeConfig(world.plane.restrictedKubeconfigPath);
    const restricted = createKubeClient(config, config.getCurrentContext());
    try {
      const result = await restartWorkload(restricted, `${prefix}-fine`, { kind: 'Deployment', name: 'web' });
      expect(result.outcome).toBe('forbidden');
      expect(result.reason).toMatch(/may not restart Deployment\/web .*\(RBAC\).*forbidden/);
      expect(restricted.stats().byMethod['PATCH']).toBe(1); // tried once, not retried blindly
    } finally {
      await restricted.close();
    }
  });
});
