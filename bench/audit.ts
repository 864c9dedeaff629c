// The audit of N projects (default 1,000) owned by M logins (default 20), whose pull secrets hold the
// owners' scope-less tokens (the seed's problem), T distinct tokens per login (default 2: the target is
// one GitHub request per distinct token, not per login or per project). Through the same engine services
// as the CLI and the panel, with the default settings: the audit cold, then warm (ETags: 304s), then
// `ghcr-desk audit --json` end to end (process start, keychain, the same audit, JSON out).
// Wall time, Kubernetes requests (the product's count and the apiserver's), GitHub requests.
// Prints one JSON object; progress on stderr.
// Run: bash scripts/run.sh bash scripts/with-keyring.sh node bench/audit.ts [--projects 1000] [--logins 20]
//      [--tokens-per-login 2]
import { parseArgs } from 'node:util';
import { runGhcrDesk } from '../e2e/engine/cli-runner.ts';
import { waitForQuiet } from './support/apiserver-requests.ts';
import { benchTenants, createTenants, type BenchTenant } from './support/bench-tenants.ts';
import { startBenchWorld } from './support/bench-world.ts';
import { currentLoad, describeMachine } from './support/machine.ts';
import { measureSide } from './support/measure-side.ts';

const { values } = parseArgs({
  options: {
    projects: { type: 'string', default: '1000' },
    logins: { type: 'string', default: '20' },
    'tokens-per-login': { type: 'string', default: '2' },
  },
});
const projectCount = Number(values.projects);
const loginCount = Number(values.logins);
const tokensPerLogin = Number(values['tokens-per-login']);

const machine = describeMachine();
const progress = (line: string) => process.stderr.write(`[audit] ${line}\n`);
const logins = Array.from({ length: loginCount }, (_, i) => `tenant-${i}`);
progress(
  `starting a control plane, the stand-in GitHub and the engine (load ${machine.loadAverage.join(' ')})`,
);
const world = await startBenchWorld(logins);
const { plane, github, services } = world;
try {
  const tokens = new Map(
    logins.map((login) => [
      login,
      Array.from({ length: tokensPerLogin }, () =>
        github.admin.mintToken({ login, kind: 'oauth', scopes: ['repo', 'workflow'] }),
      ),
    ]),
  );
  const tenants = benchTenants(projectCount, logins);
  // Tenant i is the (i / M)-th project of its owner: the owner's tokens take turns.
  const tokenByNamespace = new Map(
    tenants.map((tenant, i) => {
      const own = tokens.get(tenant.owner) as string[];
      return [tenant.namespace, own[Math.floor(i / loginCount) % own.length] as string];
    }),
  );
  const tokenOf = (tenant: BenchTenant) => tokenByNamespace.get(tenant.namespace) as string;
  const distinctTokens = new Set(tenants.map(tokenOf)).size;
  progress(`creating ${projectCount} project namespaces…`);
  const started = performance.now();
  await createTenants(plane.admin, tenants, github.registryHost, tokenOf);
  const setupMs = Math.round(performance.now() - started);
  progress('waiting for the controllers to catch up with the set-up…');
  const background = await waitForQuiet(plane.admin);

  const client = services.cluster.client();
  const measure = async <T>(work: () => Promise<T>) => {
    const before = client.stats();
    github.admin.resetCounters();
    const { result, ms, requests, cpu } = await measureSide(plane, work);
    const { apiRequests, apiNotModified } = github.admin.counters();
    return {
      result,
      figures: {
        ms,
        kubeRequests: client.stats().requests - before.requests,
        apiserverRequests: requests,
        cpuMs: cpu,
        githubRequests: apiRequests,
        githubNotModified: apiNotModified,
      },
    };
  };
  progress('audit, cold…');
  const cold = await measure(() => services.audit());
  progress(`cold ${cold.figures.ms} ms; warm…`);
  const warm = await measure(() => services.audit());
  const projects = warm.result.list.projects;

  progress('ghcr-desk audit --json, end to end…');
  const cli = await measure(() =>
    runGhcrDesk(
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
        world.profileDir,
      ],
      {
        env: { GHCR_DESK_KEYCHAIN_SERVICE: world.keychainService, GHCR_DESK_LOG_LEVEL: 'warn' },
        timeoutMs: 300_000,
      },
    ),
  );
  const cliReport = JSON.parse(cli.result.stdout) as { kubeRequests: number; summary: unknown };
  const loadAtEnd = currentLoad();

  console.log(
    JSON.stringify(
      {
        bench: 'audit',
        command: `node bench/audit.ts ${process.argv.slice(2).join(' ')}`.trim(),
        machine,
        loadAtEnd,
        kubernetes: plane.version,
        projects: projectCount,
        logins: loginCount,
        distinctTokens,
        setupMs,
        background,
        projectsFound: projects.length,
        states: countBy(
          projects.map((p) => `${p.pullSecret.state}/${p.pullSecret.tokenHealth?.state ?? '-'}`),
        ),
        cold: cold.figures,
        warm: warm.figures,
        cli: {
          ...cli.figures,
          // The CLI's own count of its Kubernetes requests; the product's client here is not the CLI's.
          kubeRequests: cliReport.kubeRequests,
          exitCode: cli.result.code,
          summary: cliReport.summary,
        },
        targets: {
          'GitHub requests = distinct tokens': cold.figures.githubRequests === distinctTokens,
        },
        summary: {
          projects: projectCount,
          logins: loginCount,
          'distinct tokens': distinctTokens,
          'cold ms': cold.figures.ms,
          'warm ms': warm.figures.ms,
          'Kubernetes requests': cold.figures.kubeRequests,
          'GitHub requests (cold)': cold.figures.githubRequests,
          'GitHub 304s (warm)': `${warm.figures.githubNotModified} of ${warm.figures.githubRequests}`,
          'CLI end to end ms': cli.figures.ms,
          'load at start / end': `${machine.loadAverage[0]} / ${loadAtEnd[0]}`,
        },
      },
      null,
      2,
    ),
  );
} finally {
  await world.stop();
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
