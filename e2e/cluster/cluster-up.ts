// `npm run cluster:up [-- --nodes 1] [--registry <host>=<base url>]… [--json]`: starts the test control
// plane for manual use (detached: it keeps running after this command) with a node simulator, in a
// well-known directory, and prints how to reach it. Idempotent: if it is already up, it says so.
// `npm run cluster:down` stops it.
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { clusterUpDir, parsePidFile } from './cluster-state.ts';
import { startControlPlane, type ControlPlaneInfo } from './control-plane.ts';
import { kubeHttp } from './kube-http.ts';
import { isProcessAlive } from './managed-process.ts';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '1' },
    registry: { type: 'string', multiple: true, default: [] },
    json: { type: 'boolean', default: false },
  },
});
const dir = clusterUpDir();
const stateFile = join(dir, 'state.json');
const pidFile = join(dir, 'pids');

function print(info: ControlPlaneInfo, note: string): void {
  if (values.json) {
    console.log(JSON.stringify(info, null, 2));
    return;
  }
  console.log(`${note}
  server      ${info.server} (Kubernetes ${info.version})
  admin       export KUBECONFIG=${info.kubeconfigPath}
  restricted  ${info.restrictedKubeconfigPath} (user ${info.restrictedUser}; both: ${info.combinedKubeconfigPath})
  kubectl     ${info.kubectl}
  logs        ${info.logDir}
  stop        npm run cluster:down`);
}

async function alreadyUp(): Promise<ControlPlaneInfo | undefined> {
  if (!existsSync(stateFile) || !existsSync(pidFile)) return undefined;
  const info = JSON.parse(readFileSync(stateFile, 'utf8')) as ControlPlaneInfo;
  const processes = parsePidFile(readFileSync(pidFile, 'utf8'));
  if (processes.length === 0 || !processes.every((p) => isProcessAlive(p.pid))) return undefined;
  const certs = JSON.parse(readFileSync(join(dir, 'pki', 'certs.json'), 'utf8')) as {
    clients: Record<string, { cert: string; key: string }>;
  };
  const admin = certs.clients['admin'];
  const client = kubeHttp({
    server: info.server,
    ca: readFileSync(info.caFile),
    cert: readFileSync(admin?.cert ?? ''),
    key: readFileSync(admin?.key ?? ''),
  });
  try {
    return (await client.request('GET', '/readyz')) === 'ok' ? info : undefined;
  } catch {
    return undefined;
  } finally {
    client.close();
  }
}

const running = await alreadyUp();
if (running) {
  print(running, 'The test control plane is already up.');
  process.exit(0);
}

await mkdir(dir, { recursive: true });
const started = Date.now();
const plane = await startControlPlane({
  dir,
  outliveParent: true,
  log: (line) => console.error(`[cluster:up] ${line}`),
});
const info: ControlPlaneInfo = {
  version: plane.version,
  dir: plane.dir,
  server: plane.server,
  kubeconfigPath: plane.kubeconfigPath,
  restrictedKubeconfigPath: plane.restrictedKubeconfigPath,
  combinedKubeconfigPath: plane.combinedKubeconfigPath,
  restrictedUser: plane.restrictedUser,
  kubectl: plane.kubectl,
  caFile: plane.caFile,
  etcdUrl: plane.etcdUrl,
  logDir: plane.logDir,
};
plane.disconnect();

const nodes = Number(values.nodes);
if (nodes > 0) {
  const log = openSync(join(plane.logDir, 'node-simulator.log'), 'a');
  const simulator = spawn(
    process.execPath,
    [
      join(import.meta.dirname, 'node-simulator-main.ts'),
      '--kubeconfig',
      plane.kubeconfigPath,
      '--nodes',
      String(nodes),
      ...values.registry.flatMap((entry) => ['--registry', entry]),
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  simulator.unref();
  await appendFile(pidFile, `node-simulator ${simulator.pid}\n`);
}
await writeFile(stateFile, JSON.stringify(info, null, 2));
print(info, `The test control plane is up (${((Date.now() - started) / 1000).toFixed(1)} s).`);
