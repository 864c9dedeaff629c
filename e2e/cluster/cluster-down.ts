// `npm run cluster:down`: stops what `npm run cluster:up` started (node simulator, controller manager,
// apiserver, etcd: every process group in its pid file) and deletes its directory.
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { clusterUpDir, parsePidFile } from './cluster-state.ts';
import { isProcessAlive, stopProcessGroup } from './managed-process.ts';

const ORDER = ['node-simulator', 'kube-controller-manager', 'kube-apiserver', 'etcd'];
const dir = clusterUpDir();
const pidFile = join(dir, 'pids');

if (!existsSync(dir)) {
  console.log('The test control plane is not up (nothing to stop).');
  process.exit(0);
}
const processes = existsSync(pidFile) ? parsePidFile(readFileSync(pidFile, 'utf8')) : [];
processes.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
let stopped = 0;
for (const { name, pid } of processes) {
  if (!isProcessAlive(pid)) continue;
  // The apiserver keeps its process while clients drain; its graceful part takes a second.
  await stopProcessGroup(pid, name === 'kube-apiserver' ? 3000 : 10_000);
  stopped++;
}
await rm(dir, { recursive: true, force: true });
console.log(
  `The test control plane is down (${stopped} process group${stopped === 1 ? '' : 's'} stopped, ${dir} removed).`,
);
