// The bulk re-sync on N project namespaces (default 1,000) spread over L owners (default 20), each with a
// stale pull secret that also holds another registry's entry: wall time and Kubernetes API requests of the
// plan (one paginated LIST + one dry run per write) and of the apply, then of a no-op re-run (plan + apply),
// which must write nothing. A private control plane; GitHub is the stand-in (scope checks: one per token).
// Prints JSON.
// Run: bash scripts/run.sh node bench/resync-engine.ts [--namespaces 1000] [--owners 20] [--concurrency 8]
import { parseArgs } from 'node:util';
import { startControlPlane } from '../e2e/cluster/control-plane.ts';
import { setLogSink } from '../electron/core/log/logger.ts';
import { createConcurrencyLimit } from '../electron/core/util/concurrency-limit.ts';
import type { KubeClient } from '../electron/core/cluster/kube-client.ts';
import { createResyncService } from '../electron/core/cluster/resync/resync-service.ts';
import {
  createNamespaces,
  dockerConfigJson,
  kubeClientFor,
  OTHER_REGISTRY,
  startResyncWorld,
  writeSecret,
} from '../electron/core/cluster/resync/resync-world.fixture.ts';

const { values } = parseArgs({
  options: {
    namespaces: { type: 'string', default: '1000' },
    owners: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '8' },
  },
});
const namespaceCount = Number(values.namespaces);
const ownerCount = Number(values.owners);
const concurrency = Number(values.concurrency);
setLogSink(() => undefined);

const plane = await startControlPlane();
const owners = Array.from({ length: ownerCount }, (_, i) => `tenant-${i}`);
const world = await startResyncWorld(owners);
const admin = kubeClientFor(plane.kubeconfigPath);
const client = kubeClientFor(plane.kubeconfigPath);
try {
  for (const owner of owners) await world.connect(owner);
  const stale = owners.map((login) =>
    world.github.admin.mintToken({ login, kind: 'oauth', scopes: ['repo'] }),
  );
  const names = Array.from({ length: namespaceCount }, (_, i) => `project-p${i}-prod`);
  const ownerOf = (i: number) => i % ownerCount;
  await createNamespaces(admin, names);
  const limit = createConcurrencyLimit(32);
  await Promise.all(
    names.map((namespace, i) =>
      limit(() =>
        writeSecret(admin, namespace, {
          data: {
            '.dockerconfigjson': dockerConfigJson({
              [world.github.registryHost]: {
                username: owners[ownerOf(i)] as string,
                password: stale[ownerOf(i)] as string,
              },
              [OTHER_REGISTRY]: { username: 'ci', password: 'other-registry-password' },
            }),
          },
        }),
      ),
    ),
  );
  const targets = names.map((namespace, i) => ({
    namespace,
    owners: [owners[ownerOf(i)] as string],
    workloads: [],
  }));
  const service = createResyncService({
    kube: () => client,
    accounts: world.accounts,
    settings: () => world.settings,
  });

  const measure = async <T>(work: () => Promise<T>, kube: KubeClient) => {
    const before = kube.stats();
    world.github.admin.resetCounters();
    const started = performance.now();
    const result = await work();
    const ms = Math.round(performance.now() - started);
    const after = kube.stats();
    const byMethod = Object.fromEntries(
      Object.keys(after.byMethod)
        .map((method) => [method, (after.byMethod[method] ?? 0) - (before.byMethod[method] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    );
    const writes = Object.entries(byMethod).reduce((sum, [method, n]) => sum + (method === 'GET' ? 0 : n), 0);
    return {
      result,
      figures: {
        ms,
        kubeRequests: after.requests - before.requests,
        byMethod,
        writes,
        githubRequests: world.github.admin.counters().apiRequests,
      },
    };
  };

  const runOnce = async () => {
    const plan = await measure(() => service.plan({ scope: { kind: 'all' }, concurrency }, targets), client);
    const apply = await measure(
      async () => service.report((await service.apply(plan.result.planId)).runId),
      client,
    );
    return {
      plan: { ...plan.figures, totals: plan.result.totals },
      apply: { ...apply.figures, counts: apply.result.counts },
    };
  };

  const full = await runOnce();
  const noop = await runOnce();
  console.log(
    JSON.stringify(
      {
        namespaces: namespaceCount,
        owners: ownerCount,
        concurrency,
        kubernetes: plane.version,
        full,
        noop,
      },
      null,
      2,
    ),
  );
} finally {
  await client.close();
  await admin.close();
  await plane.stop();
  await world.stop();
}
