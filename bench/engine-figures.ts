// The engine on N project namespaces (default 1,000) of L owners (default 20), each with a Deployment
// pulling `<registry>/<owner>/web` and a pull secret holding the owner's scope-less token (the seed's
// problem) beside another registry's entry. Measures, through the same engine services the CLI and the
// panel use: the audit (cold, then warm), a full re-sync (plan + apply) after the owners' good tokens are
// in the keychain, and a no-op re-sync (plan + apply again); plus `ghcr-desk audit --json` end to end.
// Wall time and Kubernetes API requests (by method), GitHub API requests. A private control plane, the
// stand-in GitHub/ghcr, the real keychain. Prints JSON.
// Run: bash scripts/run.sh bash scripts/with-keyring.sh node bench/engine-figures.ts [--namespaces 1000] [--owners 20]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startControlPlane } from '../e2e/cluster/control-plane.ts';
import { kubeHttpFor } from '../e2e/cluster/shared-control-plane.ts';
import { runGhcrDesk } from '../e2e/engine/cli-runner.ts';
import { b64, dockerConfig } from '../e2e/engine/tenants.ts';
import { startStandInGitHub } from '../e2e/github/stand-in-github.ts';
import { DEFAULT_SETTINGS } from '../shared/contract/settings-schema.ts';
import { DEFAULT_REQUIRED_SCOPES } from '../shared/domain/github.ts';
import { openActivityLog } from '../electron/core/activity/activity-log.ts';
import { createEngineServices } from '../electron/core/engine/engine-services.ts';
import { createMemoryAccountRecords } from '../electron/core/github/account-records.ts';
import { setLogSink } from '../electron/core/log/logger.ts';
import { createConcurrencyLimit } from '../electron/core/util/concurrency-limit.ts';
import { createKeytarVault } from '../electron/core/vault/keytar-vault.ts';

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
const admin = await kubeHttpFor(plane.kubeconfigPath);
const github = await startStandInGitHub();
const keychainService = `ghcr-desk-bench-${randomBytes(6).toString('hex')}`;
const vault = createKeytarVault({ service: keychainService });
const profileDir = mkdtempSync(join(tmpdir(), 'ghcr-desk-bench-'));
const settings = {
  ...DEFAULT_SETTINGS,
  kubeconfigPath: plane.kubeconfigPath,
  githubUrl: github.webUrl,
  registryUrl: github.registryUrl,
  namespaceNamePattern: '^project-',
  resyncConcurrency: concurrency,
};
const services = createEngineServices({
  settings: () => settings,
  vault,
  records: createMemoryAccountRecords(),
  openBrowser: () => Promise.reject(new Error('no browser in a benchmark')),
  activity: openActivityLog(profileDir),
});
try {
  const owners = Array.from({ length: ownerCount }, (_, i) => `tenant-${i}`);
  const scopeless = new Map<string, string>();
  for (const login of owners) {
    github.admin.createUser({ login });
    github.admin.createImage({ repository: `${login}/web`, tags: ['1.0'] });
    scopeless.set(login, github.admin.mintToken({ login, kind: 'oauth', scopes: ['repo', 'workflow'] }));
  }
  const names = Array.from({ length: namespaceCount }, (_, i) => `project-p${i}-prod`);
  const ownerOf = (i: number) => owners[i % ownerCount] as string;
  const limit = createConcurrencyLimit(32);
  const setupStarted = performance.now();
  await Promise.all(
    names.map((namespace, i) =>
      limit(async () => {
        const owner = ownerOf(i);
        await admin.request('POST', '/api/v1/namespaces', { body: { metadata: { name: namespace } } });
        await admin.request('POST', `/api/v1/namespaces/${namespace}/secrets`, {
          body: {
            metadata: { name: 'ghcr-secret' },
            type: 'kubernetes.io/dockerconfigjson',
            data: {
              '.dockerconfigjson': b64(
                dockerConfig(github.registryHost, owner, scopeless.get(owner) as string, {
                  'registry.example.com': { auth: b64('ci:other-registry-password') },
                }),
              ),
            },
          },
        });
        await admin.request('POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, {
          body: {
            metadata: { name: 'web' },
            spec: {
              replicas: 1,
              selector: { matchLabels: { app: 'web' } },
              template: {
                metadata: { labels: { app: 'web' } },
                spec: {
                  imagePullSecrets: [{ name: 'ghcr-secret' }],
                  containers: [{ name: 'web', image: `${github.registryHost}/${owner}/web:1.0` }],
                },
              },
            },
          },
        });
      }),
    ),
  );
  const setupMs = Math.round(performance.now() - setupStarted);

  const client = services.cluster.client();
  const measure = async <T>(work: () => Promise<T>) => {
    const before = client.stats();
    github.admin.resetCounters();
    const started = performance.now();
    const result = await work();
    const ms = Math.round(performance.now() - started);
    const after = client.stats();
    const byMethod = Object.fromEntries(
      Object.keys(after.byMethod)
        .map((method) => [method, (after.byMethod[method] ?? 0) - (before.byMethod[method] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    );
    return {
      result,
      figures: {
        ms,
        kubeRequests: after.requests - before.requests,
        byMethod,
        githubRequests: github.admin.counters().apiRequests,
        githubNotModified: github.admin.counters().apiNotModified,
      },
    };
  };

  const auditCold = await measure(() => services.audit());
  const auditWarm = await measure(() => services.audit());
  const projects = auditWarm.result.list.projects;

  for (const login of owners) {
    const token = github.admin.mintToken({ login, kind: 'classic', scopes: [...DEFAULT_REQUIRED_SCOPES] });
    const added = await services.accounts.addToken({ token });
    if (added.status !== 'stored') throw new Error(`could not add ${login}: ${added.status}`);
  }

  const resyncOnce = async () => {
    const plan = await measure(() => services.resync.plan({ scope: { kind: 'all' }, concurrency }));
    const apply = await measure(async () =>
      services.resync.report((await services.resync.apply(plan.result.planId)).runId),
    );
    return {
      plan: { ...plan.figures, totals: plan.result.totals },
      apply: { ...apply.figures, counts: apply.result.counts },
    };
  };
  const fullResync = await resyncOnce();
  const noopResync = await resyncOnce();

  // The CLI end to end: process start, keychain, audit, JSON out.
  writeFileSync(join(profileDir, 'settings.json'), JSON.stringify({ namespaceNamePattern: '^project-' }));
  const cliStarted = performance.now();
  const cli = await runGhcrDesk(
    [
      'audit',
      '--json',
      '--kubeconfig',
      plane.kubeconfigPath,
      '--github-url',
      github.webUrl,
      '--registry-url',
      github.registryUrl,
      '--profile',
      profileDir,
    ],
    { env: { GHCR_DESK_KEYCHAIN_SERVICE: keychainService, GHCR_DESK_LOG_LEVEL: 'warn' }, timeoutMs: 300_000 },
  );
  const cliMs = Math.round(performance.now() - cliStarted);
  const cliReport = JSON.parse(cli.stdout) as { summary: unknown; kubeRequests: number };

  console.log(
    JSON.stringify(
      {
        namespaces: namespaceCount,
        owners: ownerCount,
        concurrency,
        kubernetes: plane.version,
        setupMs,
        projectsFound: projects.length,
        audit: {
          cold: auditCold.figures,
          warm: auditWarm.figures,
          states: countBy(
            projects.map((p) => `${p.pullSecret.state}/${p.pullSecret.tokenHealth?.state ?? '-'}`),
          ),
        },
        fullResync,
        noopResync,
        cliAudit: {
          ms: cliMs,
          exitCode: cli.code,
          kubeRequests: cliReport.kubeRequests,
          summary: cliReport.summary,
        },
      },
      null,
      2,
    ),
  );
} finally {
  await services.close();
  for (const key of await vault.listTokens()) await vault.deleteToken(key);
  admin.close();
  await github.stop();
  await plane.stop();
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
