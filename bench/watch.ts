// Live pods at scale: the product's pod monitor (the code the panel runs) over N Running pods with steady
// status churn from the node simulator. Measures, in this process (which holds nothing but the monitor):
// heap and RSS, event-to-batch latency (from the moment the simulator sent a status write to the moment the
// batch carrying that state was handed to the UI transport; the write's own round trip is reported beside it), batches per second and bytes per batch.
// Prints one JSON object; progress on stderr. Not a test: nothing here asserts a time.
// Run: bash scripts/run.sh node --expose-gc bench/watch.ts [--pods 5000] [--namespaces 1000]
//        [--churn 100] [--seconds 60]
import { parseArgs } from 'node:util';
import type { PodChangeBatch } from '../shared/domain/cluster.ts';
import { openKubeClient } from '../electron/core/cluster/cluster-access.ts';
import { startPodMonitor } from '../electron/core/cluster/pods/pod-monitor.ts';
import { currentLoad, describeMachine } from './support/machine.ts';
import { quantiles } from './support/quantiles.ts';
import { startClusterProcess } from './support/cluster-process.ts';
import { podStateKey } from './support/watch-messages.ts';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '5000' },
    namespaces: { type: 'string', default: '1000' },
    churn: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
  },
});
const churnPerSecond = Number(values.churn);
const churnSeconds = Number(values.seconds);
const progress = (line: string) => console.error(`[watch bench] ${line}`);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

const machine = describeMachine();
const cluster = startClusterProcess({ pods: values.pods, namespaces: values.namespaces });
const writes = new Map<string, { sentAt: number; ackedAt: number }>();
cluster.onWrites((records) => {
  for (const [namespace, name, restarts, ready, sentAt, ackedAt] of records) {
    const key = podStateKey(namespace, name, restarts, ready);
    if (!writes.has(key)) writes.set(key, { sentAt, ackedAt });
  }
});

const setupStarted = now();
const ready = await cluster.next('ready');
const setupSeconds = Math.round((now() - setupStarted) / 100) / 10;
progress(`cluster ready after ${setupSeconds} s; starting the pod monitor`);

collectGarbage();
const heapBeforeMonitor = process.memoryUsage();
const client = openKubeClient({ kubeconfigPath: ready.kubeconfigPath, kubeContext: '' });
const projects = new Set(ready.namespaces);
const seenAt = new Map<string, number>();
const batches: { at: number; bytes: number; pods: number; initial: boolean }[] = [];
let firstBatch: (() => void) | undefined;
const monitorStarted = now();
const monitor = startPodMonitor({
  client,
  projectNamespaces: () => projects,
  onBatch(batch: PodChangeBatch) {
    const at = now();
    // What the transports send: the batch as JSON (IPC structured clone and the WebSocket alike).
    batches.push({
      at,
      bytes: JSON.stringify(batch).length,
      pods: batch.upserted.length,
      initial: batch.initial,
    });
    for (const pod of batch.upserted) {
      const key = podStateKey(pod.namespace, pod.name, pod.restarts, pod.ready);
      if (!seenAt.has(key)) seenAt.set(key, at);
    }
    firstBatch?.();
  },
});
await new Promise<void>((resolve) => (firstBatch = resolve));
firstBatch = undefined;
const initialSyncMs = Math.round(now() - monitorStarted);
await sleep(2000);
collectGarbage();
const synced = process.memoryUsage();
progress(
  `initial batch after ${initialSyncMs} ms; churning ${churnPerSecond} status changes/s for ${churnSeconds} s`,
);

const samples: NodeJS.MemoryUsage[] = [];
const sampler = setInterval(() => samples.push(process.memoryUsage()), 1000);
const churnStarted = now();
const batchesBefore = batches.length;
cluster.tell({ type: 'churn', perSecond: churnPerSecond });
await sleep(churnSeconds * 1000);
cluster.tell({ type: 'stop-churn' });
const stopped = await cluster.next('churn-stopped');
await sleep(1000); // the last writes' batches
const churnMs = now() - churnStarted;
clearInterval(sampler);
collectGarbage();
const afterChurn = process.memoryUsage();

const latencies: number[] = [];
const writeLatencies: number[] = [];
for (const [key, { sentAt, ackedAt }] of writes) {
  writeLatencies.push(ackedAt - sentAt);
  const at = seenAt.get(key);
  if (at !== undefined) latencies.push(at - sentAt);
}
const churnBatches = batches.slice(batchesBefore);
const eventToBatchMs = quantiles(latencies);
const bytesPerBatch = quantiles(churnBatches.map((b) => b.bytes));
const result = {
  benchmark: 'watch',
  machine,
  summary: {
    pods: ready.podsPerNamespace * ready.namespaces.length,
    eventToBatchMedianMs: eventToBatchMs?.median,
    eventToBatchP95Ms: eventToBatchMs?.p95,
    batchesPerSecond: Math.round((churnBatches.length / (churnMs / 1000)) * 10) / 10,
    bytesPerBatchMedian: bytesPerBatch?.median,
    heapUsedMaxMiB: mib(Math.max(...samples.map((s) => s.heapUsed))),
    rssMaxMiB: mib(Math.max(...samples.map((s) => s.rss))),
  },
  pods: ready.podsPerNamespace * ready.namespaces.length,
  namespaces: ready.namespaces.length,
  clusterSetupSeconds: setupSeconds,
  initialSyncMs,
  initialBatchBytes: batches.find((b) => b.initial)?.bytes,
  churn: {
    perSecondAsked: churnPerSecond,
    seconds: Math.round(churnMs / 100) / 10,
    statusWritesReported: writes.size,
    statusWritesTotal: stopped.statusWrites,
    statesSeenInBatches: latencies.length,
  },
  /** From the status write leaving the simulator to the batch carrying it leaving the monitor. */
  eventToBatchMs,
  /** The apiserver's share: the status write's round trip (the watch event can only follow its commit). */
  statusWriteRoundTripMs: quantiles(writeLatencies),
  batchesPerSecond: Math.round((churnBatches.length / (churnMs / 1000)) * 10) / 10,
  bytesPerBatch,
  podsPerBatch: quantiles(churnBatches.map((b) => b.pods)),
  memoryMiB: {
    heapUsedBeforeMonitor: mib(heapBeforeMonitor.heapUsed),
    heapUsedSynced: mib(synced.heapUsed),
    heapUsedMaxDuringChurn: mib(Math.max(...samples.map((s) => s.heapUsed))),
    heapUsedAfterChurnGc: mib(afterChurn.heapUsed),
    rssSynced: mib(synced.rss),
    rssMaxDuringChurn: mib(Math.max(...samples.map((s) => s.rss))),
  },
  gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
  monitor: monitor.stats(),
  kubeRequests: client.stats().requests,
};
const loadAtEnd = currentLoad();
await monitor.stop();
await client.close();
await cluster.shutdown();
console.log(JSON.stringify({ ...result, loadAtEnd }, null, 2));
