import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlPlane, type ControlPlane } from '../../../../e2e/cluster/control-plane.ts';
import { setLogSink, type LogSink } from '../../log/logger.ts';
import { createConcurrencyLimit } from '../../util/concurrency-limit.ts';
import type { KubeClient, KubeRequest } from '../kube-client.ts';
import { failureKind } from './kube-failure.ts';
import { createResyncService } from './resync-service.ts';
import {
  createNamespaces,
  dockerConfigIn,
  dockerConfigJson,
  kubeClientFor,
  OTHER_REGISTRY,
  startResyncWorld,
  writeSecret,
  type ResyncWorld,
} from './resync-world.fixture.ts';

// A private control plane: this file kills its apiserver.
describe('an apiserver restart in the middle of a re-sync of 300 namespaces', () => {
  const count = 300;
  const names = Array.from({ length: count }, (_, i) => `project-t${i}-prod`);
  const other = { username: 'ci', password: 'keep-me-other-registry' };
  let plane: ControlPlane;
  let world: ResyncWorld;
  let admin: KubeClient;
  let previousSink: LogSink;

  beforeAll(async () => {
    previousSink = setLogSink(() => {});
    plane = await startControlPlane();
    world = await startResyncWorld(['alice']);
    await world.connect('alice');
    const stale = world.github.admin.mintToken({ login: 'alice', kind: 'oauth', scopes: ['repo'] });
    admin = kubeClientFor(plane.kubeconfigPath);
    await createNamespaces(admin, names);
    const limit = createConcurrencyLimit(16);
    await Promise.all(
      names.map((namespace) =>
        limit(() =>
          writeSecret(admin, namespace, {
            data: {
              '.dockerconfigjson': dockerConfigJson({
                [world.github.registryHost]: { username: 'alice', password: stale },
                [OTHER_REGISTRY]: other,
              }),
            },
          }),
        ),
      ),
    );
  });

  afterAll(async () => {
    await admin?.close();
    await plane?.stop();
    await world?.stop();
    setLogSink(previousSink);
  });

  /** A client that runs `fault` once, when the run sends its 100th write, and counts transport failures. */
  function faultyClient(client: KubeClient, fault: () => Promise<void>) {
    let writes = 0;
    const state = { transportFailures: 0, fault: undefined as Promise<void> | undefined };
    const faulty: KubeClient = {
      ...client,
      async request<T>(request: KubeRequest): Promise<T> {
        if (request.method === 'PUT' && !request.query?.['dryRun']) {
          writes += 1;
          if (writes === 100) state.fault = fault();
        }
        try {
          return await client.request<T>(request);
        } catch (error) {
          if (failureKind(error) === 'transient') state.transportFailures += 1;
          throw error;
        }
      },
    };
    return { faulty, state };
  }

  async function resyncThrough(
    fault: () => Promise<void>,
    retry: Parameters<typeof createResyncService>[0]['retry'],
  ): Promise<number> {
    const token = await world.connect('alice'); // a new token: every secret is stale now
    const client = kubeClientFor(plane.kubeconfigPath);
    const { faulty, state } = faultyClient(client, fault);
    const targets = names.map((namespace) => ({ namespace, owners: ['alice'], workloads: [] }));
    try {
      const service = createResyncService({
        kube: () => faulty,
        accounts: world.accounts,
        settings: () => world.settings,
        ...(retry ? { retry } : {}),
      });
      const plan = await service.plan({ scope: { kind: 'all' } }, targets);
      expect(plan.totals.update).toBe(count);
      const report = await service.report((await service.apply(plan.planId)).runId);
      await state.fault;
      expect(state.fault).toBeDefined();
      expect(state.transportFailures).toBeGreaterThan(0);
      expect(report.items).toHaveLength(count);
      for (const item of report.items) {
        expect(['updated', 'failed']).toContain(item.outcome);
        // Failed items name the apiserver that could not be reached (while writing, or reading back).
        if (item.outcome === 'failed')
          expect(item.reason).toMatch(
            /^(Gave up after \d+ attempts|Reading the pull secret back failed): .*127\.0\.0\.1/,
          );
      }
      const failed = report.counts.failed;

      // The re-run finishes the job and rewrites nothing that is already right.
      const again = createResyncService({
        kube: () => client,
        accounts: world.accounts,
        settings: () => world.settings,
      });
      const replan = await again.plan({ scope: { kind: 'all' } }, targets);
      expect(replan.totals).toMatchObject({ update: failed, unchanged: count - failed });
      const rerun = await again.report((await again.apply(replan.planId)).runId);
      expect(rerun.counts).toMatchObject({ updated: failed, unchanged: count - failed, failed: 0 });
      const settled = await again.plan({ scope: { kind: 'all' } }, targets);
      expect(settled.totals.unchanged).toBe(count);

      // Nothing lost: every secret holds the new token and still the other registry's entry.
      const limit = createConcurrencyLimit(16);
      const configs = await Promise.all(
        names.map((namespace) => limit(() => dockerConfigIn(admin, namespace))),
      );
      for (const config of configs) {
        expect(config.auths[world.github.registryHost]).toMatchObject({ username: 'alice', password: token });
        expect(config.auths[OTHER_REGISTRY]).toMatchObject(other);
      }
      return failed;
    } finally {
      await client.close();
    }
  }

  it('kill and restart: every item ends updated or failed with a reason; a re-run converges, nothing lost', async () => {
    await resyncThrough(() => plane.restartApiserver({ kill: true }), undefined);
  });

  it('an outage longer than the retry budget: items fail with the reason, the re-run fixes exactly those', async () => {
    // ≤ 0.2 + 0.4 + 0.8 + 0.8 s of back-off per item, against ≥ 6 s without an apiserver.
    const failed = await resyncThrough(() => plane.stopApiserverFor(6), {
      transientAttempts: 4,
      baseDelayMs: 200,
      maxDelayMs: 800,
    });
    expect(failed).toBeGreaterThan(0);
  });
});
