// The test control plane and node simulator under load: warm start time, memory (RSS) of etcd,
// kube-apiserver and kube-controller-manager after start and after creating namespaces, how fast the node
// simulator brings pods to Running (pulling for real from the stand-in registry), and the status churn
// rate it sustains. Prints JSON.
// Run: bash scripts/run.sh node bench/control-plane.ts [--namespaces 100] [--pods 1000] [--churn 200]
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startControlPlane } from '../e2e/cluster/control-plane.ts';
import { startNodeSimulator } from '../e2e/cluster/node-simulator.ts';
import { waitFor } from '../e2e/cluster/wait-for.ts';
import { dockerConfig } from '../e2e/engine/tenants.ts';
import { startStandInGitHub } from '../e2e/github/stand-in-github.ts';
import { currentLoad, describeMachine } from './support/machine.ts';
import { pool } from './support/pool.ts';
import {
  createPullSecretNamespaces,
  waitForDefaultServiceAccounts,
} from './support/pull-secret-namespaces.ts';

const { values } = parseArgs({
  options: {
    namespaces: { type: 'string', default: '100' },
    pods: { type: 'string', default: '1000' },
    churn: { type: 'string', default: '200' },
    'churn-seconds': { type: 'string', default: '20' },
  },
});
const namespaceCount = Number(values.namespaces);
const podCount = Number(values.pods);
const churnPerSecond = Number(values.churn);
const churnSeconds = Number(values['churn-seconds']);

async function rssMiB(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

const machine = describeMachine();
const started = performance.now();
const plane = await startControlPlane({ controllerQps: 200 });
const startMs = Math.round(performance.now() - started);
const github = await startStandInGitHub();
try {
  const memory = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(plane.pids()).map(async ([name, pid]) => [name, await rssMiB(pid)] as const),
      ),
    );
  const memoryAfterStart = await memory();

  github.admin.createUser({ login: 'alice' });
  github.admin.createImage({ repository: 'alice/web', tags: ['1.0.0'] });
  const token = github.admin.mintToken({ login: 'alice', kind: 'oauth', scopes: ['read:packages'] });
  const dockerconfig = dockerConfig(github.registryHost, 'alice', token);
  const namespaces = Array.from({ length: namespaceCount }, (_, i) => `project-bench-${i}`);
  let phase = performance.now();
  await createPullSecretNamespaces(plane.admin, namespaces, dockerconfig);
  const namespacesMs = Math.round(performance.now() - phase);
  await waitForDefaultServiceAccounts(plane.admin, namespaceCount);
  const memoryAfterNamespaces = await memory();

  const simulator = await startNodeSimulator({
    kubeconfigPath: plane.kubeconfigPath,
    nodes: 5,
    events: true,
  });
  phase = performance.now();
  const pods = Array.from({ length: podCount }, (_, i) => i);
  await pool(pods, 16, (i) =>
    plane.admin.request('POST', `/api/v1/namespaces/${namespaces[i % namespaceCount]}/pods`, {
      body: {
        metadata: { name: `web-${i}`, labels: { app: 'web' } },
        spec: {
          imagePullSecrets: [{ name: 'ghcr-secret' }],
          containers: [{ name: 'web', image: `${github.registryHost}/alice/web:1.0.0` }],
        },
      },
    }),
  );
  const createPodsMs = Math.round(performance.now() - phase);
  await waitFor('every pod Running', () => simulator.stats().running >= podCount, {
    timeoutMs: 30 * 60_000,
    intervalMs: 250,
  });
  const runningMs = Math.round(performance.now() - phase);
  const afterRunning = simulator.stats();
  const memoryAfterPods = await memory();

  const before = simulator.stats().statusWrites;
  const churn = simulator.churn({ perSecond: churnPerSecond });
  phase = performance.now();
  await new Promise((resolve) => setTimeout(resolve, churnSeconds * 1000));
  churn.stop();
  await simulator.idle();
  const churnWrites = simulator.stats().statusWrites - before;
  const churnMs = performance.now() - phase;
  const final = simulator.stats();
  await simulator.stop();
  const loadAtEnd = currentLoad();
  const podsRunningPerSecond = Math.round((podCount / runningMs) * 1000 * 10) / 10;
  const statusWritesPerSecond = Math.round((churnWrites / churnMs) * 1000 * 10) / 10;

  console.log(
    JSON.stringify(
      {
        bench: 'control-plane',
        command: `node bench/control-plane.ts ${process.argv.slice(2).join(' ')}`.trim(),
        machine,
        loadAtEnd,
        controlPlane: {
          startMs,
          memoryMiB: {
            afterStart: memoryAfterStart,
            [`after${namespaceCount}Namespaces`]: memoryAfterNamespaces,
            [`after${podCount}Pods`]: memoryAfterPods,
          },
        },
        namespaces: { count: namespaceCount, createMs: namespacesMs },
        simulator: {
          pods: podCount,
          createPodsMs,
          allRunningMs: runningMs,
          podsRunningPerSecond,
          registryPulls: afterRunning.pullsOk,
          events: afterRunning.events,
          churn: {
            requestedPerSecond: churnPerSecond,
            statusWritesPerSecond,
          },
          errors: final.errors,
        },
        summary: {
          'warm start ms': startMs,
          [`${podCount} pods Running s`]: Math.round(runningMs / 100) / 10,
          'pods Running /s': podsRunningPerSecond,
          [`churn status writes /s (asked ${churnPerSecond})`]: statusWritesPerSecond,
          'load at start / end': `${machine.loadAverage[0]} / ${loadAtEnd[0]}`,
        },
      },
      null,
      2,
    ),
  );
} finally {
  await github.stop();
  await plane.stop();
}
