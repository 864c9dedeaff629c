// The node simulator as a process of its own (started detached by `npm run cluster:up`, usable by the
// demo): node e2e/cluster/node-simulator-main.ts --kubeconfig <file> [--nodes 1]
//   [--registry <host>=<base url>]… [--backoff-initial-ms 10000] [--backoff-max-ms 300000]
// Runs until SIGTERM/SIGINT, then deletes its nodes and exits.
import { parseArgs } from 'node:util';
import { startNodeSimulator } from './node-simulator.ts';

const { values } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    nodes: { type: 'string', default: '1' },
    'node-prefix': { type: 'string', default: 'node' },
    registry: { type: 'string', multiple: true, default: [] },
    'backoff-initial-ms': { type: 'string', default: '10000' },
    'backoff-max-ms': { type: 'string', default: '300000' },
  },
});
if (!values.kubeconfig) {
  console.error('node-simulator: --kubeconfig is required');
  process.exit(2);
}
const registryEndpoints = Object.fromEntries(
  values.registry.map((entry) => {
    const at = entry.indexOf('=');
    if (at < 1) throw new Error(`--registry ${entry}: expected <host>=<base url>`);
    return [entry.slice(0, at), entry.slice(at + 1)];
  }),
);
const count = Number(values.nodes);
const simulator = await startNodeSimulator({
  kubeconfigPath: values.kubeconfig,
  nodes: Array.from({ length: count }, (_, i) => `${values['node-prefix']}-${i + 1}`),
  registryEndpoints,
  backOff: { initialMs: Number(values['backoff-initial-ms']), maxMs: Number(values['backoff-max-ms']) },
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
});
console.log(`${new Date().toISOString()} simulating ${simulator.nodes.join(', ')}`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void simulator.stop().finally(() => process.exit(0));
  });
}
setInterval(() => console.log(`${new Date().toISOString()} ${JSON.stringify(simulator.stats())}`), 60_000);
