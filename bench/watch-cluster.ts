// The cluster side of bench/watch.ts, in a process of its own so that the benchmark's process holds only
// the product's pod monitor (its heap and RSS are what is measured): a private control plane, the stand-in
// registry, N Running pods in one Deployment per namespace (M namespaces), and the node simulator's status churn. Every status
// write is reported to the parent (namespace, pod, restarts, ready, when it was sent) over the IPC channel.
import { parseArgs } from 'node:util';
import { startControlPlane } from '../e2e/cluster/control-plane.ts';
import { startNodeSimulator, type StatusWrite } from '../e2e/cluster/node-simulator.ts';
import { waitFor } from '../e2e/cluster/wait-for.ts';
import { dockerConfig } from '../e2e/engine/tenants.ts';
import { startStandInGitHub } from '../e2e/github/stand-in-github.ts';
import { DEFAULT_REQUIRED_SCOPES } from '../shared/domain/github.ts';
import { pool } from './support/pool.ts';
import {
  createPullSecretNamespaces,
  waitForDefaultServiceAccounts,
} from './support/pull-secret-namespaces.ts';
import type { ClusterMessage, ParentMessage, WriteRecord } from './support/watch-messages.ts';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '5000' },
    namespaces: { type: 'string', default: '1000' },
  },
});
const podCount = Number(values.pods);
const namespaceCount = Number(values.namespaces);
const send = (message: ClusterMessage) => process.send?.(message);
const progress = (line: string) => console.error(`[watch bench cluster] ${line}`);

const plane = await startControlPlane({ controllerQps: 300, log: progress });
const github = await startStandInGitHub();
github.admin.createUser({ login: 'alice' });
github.admin.createImage({ repository: 'alice/web', tags: ['1.0.0'] });
const token = github.admin.mintToken({ login: 'alice', kind: 'oauth', scopes: [...DEFAULT_REQUIRED_SCOPES] });
const dockerconfig = dockerConfig(github.registryHost, 'alice', token);

const namespaces = Array.from({ length: namespaceCount }, (_, i) => `project-watch-${i}`);
progress(`creating ${namespaceCount} namespaces with their pull secret`);
await createPullSecretNamespaces(plane.admin, namespaces, dockerconfig);
await waitForDefaultServiceAccounts(plane.admin, namespaceCount);

let churning = false;
let pending: WriteRecord[] = [];
const simulator = await startNodeSimulator({
  kubeconfigPath: plane.kubeconfigPath,
  nodes: 10,
  events: true,
  onStatusWrite(write: StatusWrite) {
    if (!churning) return;
    const [container] = (write.status['containerStatuses'] ?? []) as {
      restartCount?: number;
      ready?: boolean;
    }[];
    pending.push([
      write.namespace,
      write.name,
      container?.restartCount ?? 0,
      container?.ready ?? false,
      write.sentAt,
      write.ackedAt,
    ]);
  },
});
const flushWrites = setInterval(() => {
  if (pending.length === 0) return;
  send({ type: 'writes', writes: pending });
  pending = [];
}, 50);

// One Deployment per namespace (a project is a namespace whose workloads pull from the registry).
const replicas = Math.ceil(podCount / namespaceCount);
progress(`creating ${namespaceCount} Deployments of ${replicas} pods`);
await pool(namespaces, 16, (namespace) =>
  plane.admin.request('POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, {
    body: {
      metadata: { name: 'web' },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            imagePullSecrets: [{ name: 'ghcr-secret' }],
            containers: [{ name: 'web', image: `${github.registryHost}/alice/web:1.0.0` }],
          },
        },
      },
    },
  }),
);
await waitFor('every pod Running', () => simulator.stats().running >= replicas * namespaceCount, {
  timeoutMs: 30 * 60_000,
  intervalMs: 500,
});
await simulator.idle();
progress(`${replicas * namespaceCount} pods Running`);
send({
  type: 'ready',
  kubeconfigPath: plane.kubeconfigPath,
  namespaces,
  podsPerNamespace: replicas,
  githubUrl: github.webUrl,
  registryUrl: github.registryUrl,
});

let churn: { stop(): void } | undefined;
process.on('message', (message: ParentMessage) => {
  if (message.type === 'churn') {
    churning = true;
    churn = simulator.churn({ perSecond: message.perSecond });
  } else if (message.type === 'stop-churn') {
    churn?.stop();
    void simulator.idle().then(() => {
      churning = false;
      send({ type: 'churn-stopped', statusWrites: simulator.stats().statusWrites });
    });
  } else if (message.type === 'shutdown') {
    clearInterval(flushWrites);
    void simulator
      .stop()
      .then(() => github.stop())
      .then(() => plane.stop())
      .finally(() => process.exit(0));
  }
});
