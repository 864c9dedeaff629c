import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeHttp } from '../../e2e/cluster/kube-http.ts';

/**
 * Requests counted by the API server itself (`apiserver_request_total` on /metrics), so every side of a
 * benchmark is counted the same way, whichever client sent them: the product, kubectl or a bare loop.
 * The counter covers every client of the control plane (the /metrics scrape itself is not counted), so the
 * benchmarks wait for the controllers to go quiet before they measure, and report what still trickles in
 * (`waitForQuiet`). Two kinds are left out because no measured side makes them and they would land in any
 * side that runs long enough: Lease renewals (the apiserver's own identity Lease, every 10 s) and WATCH
 * requests (the controllers re-open each watch every 5–10 minutes).
 */
export interface ApiserverRequests {
  readonly total: number;
  /** By verb and resource as the apiserver names them (`LIST secrets`, `PUT secrets (dry run)`, and for
   * discovery and OpenAPI documents their path: `GET apis`, `GET openapi/v3`). */
  readonly breakdown: Readonly<Record<string, number>>;
  /** Requests that change state: not GET/LIST/WATCH, not dry runs. */
  readonly writes: number;
  readonly dryRuns: number;
}

/** One scrape of the counters, by series. */
export type RequestSample = ReadonlyMap<string, number>;

const READS = new Set(['GET', 'LIST']);
const LINE = /^apiserver_request_total\{([^}]*)\}\s+(\S+)$/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

export async function sampleRequests(admin: KubeHttp): Promise<RequestSample> {
  const text = await admin.request<string>('GET', '/metrics');
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = LINE.exec(line);
    if (match) series.set(match[1] as string, Number(match[2]));
  }
  return series;
}

function labelsOf(series: string): Record<string, string> {
  return Object.fromEntries([...series.matchAll(LABEL)].map((m) => [m[1] as string, m[2] as string]));
}

export function requestsBetween(before: RequestSample, after: RequestSample): ApiserverRequests {
  const breakdown: Record<string, number> = {};
  let total = 0;
  let writes = 0;
  let dryRuns = 0;
  for (const [series, value] of after) {
    const delta = value - (before.get(series) ?? 0);
    if (delta <= 0) continue;
    const labels = labelsOf(series);
    if (labels['resource'] === 'leases' || labels['verb'] === 'WATCH') continue;
    const verb = labels['verb'] ?? '?';
    const dryRun = (labels['dry_run'] ?? '') !== '';
    const { resource = '', subresource = '' } = labels;
    const what = resource && subresource ? `${resource}/${subresource}` : resource || subresource || '?';
    const key = `${verb} ${what}${dryRun ? ' (dry run)' : ''}`;
    breakdown[key] = (breakdown[key] ?? 0) + delta;
    total += delta;
    if (dryRun) dryRuns += delta;
    else if (!READS.has(verb)) writes += delta;
  }
  return { total, breakdown, writes, dryRuns };
}

/**
 * Waits until a window of `windowMs` sees at most `maxWrites` writes (the controllers have caught up with
 * the set-up), and returns that window: the background every measured side carries. Gives up after
 * `timeoutMs` and says so (`quiet: false`) rather than failing the benchmark.
 */
export async function waitForQuiet(
  admin: KubeHttp,
  { windowMs = 5000, maxWrites = 2, timeoutMs = 5 * 60_000 } = {},
): Promise<{
  readonly waitedMs: number;
  readonly quiet: boolean;
  readonly windowMs: number;
  readonly requests: ApiserverRequests;
}> {
  const started = performance.now();
  for (;;) {
    const before = await sampleRequests(admin);
    await sleep(windowMs);
    const requests = requestsBetween(before, await sampleRequests(admin));
    const waitedMs = Math.round(performance.now() - started);
    const quiet = requests.writes <= maxWrites;
    if (quiet || waitedMs > timeoutMs) return { waitedMs, quiet, windowMs, requests };
  }
}
