import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeHttp } from '../cluster/kube-http.ts';
import type { TenantExpectation } from './tenant-catalog.ts';

interface PodList {
  readonly items: readonly {
    readonly metadata: { readonly namespace: string; readonly deletionTimestamp?: string };
    readonly status?: {
      readonly phase?: string;
      readonly containerStatuses?: readonly {
        readonly ready?: boolean;
        readonly state?: { readonly waiting?: { readonly reason?: string } };
      }[];
    };
  }[];
}

const PULL_ERRORS = new Set(['ErrImagePull', 'ImagePullBackOff']);

/** What the live pods of one namespace show, in the catalogue's words; `starting`: not settled yet. */
export type ObservedPods = TenantExpectation['pods'] | 'starting';

/** Every namespace's pods, judged from one cluster-wide LIST. */
export async function observePods(kube: KubeHttp): Promise<Map<string, ObservedPods>> {
  const list = await kube.request<PodList>('GET', '/api/v1/pods');
  const counts = new Map<string, { running: number; failing: number; other: number }>();
  for (const pod of list.items) {
    if (pod.metadata.deletionTimestamp) continue;
    const count = counts.get(pod.metadata.namespace) ?? { running: 0, failing: 0, other: 0 };
    const statuses = pod.status?.containerStatuses ?? [];
    if (statuses.some((s) => PULL_ERRORS.has(s.state?.waiting?.reason ?? ''))) count.failing += 1;
    else if (pod.status?.phase === 'Running' && statuses.length > 0 && statuses.every((s) => s.ready))
      count.running += 1;
    else count.other += 1;
    counts.set(pod.metadata.namespace, count);
  }
  const observed = new Map<string, ObservedPods>();
  for (const [namespace, { running, failing, other }] of counts) {
    if (other > 0) observed.set(namespace, 'starting');
    else if (running > 0 && failing > 0) observed.set(namespace, 'mixed');
    else observed.set(namespace, failing > 0 ? 'pull-errors' : 'running');
  }
  return observed;
}

/**
 * Waits until every tenant's pods look as expected (Running, or waiting on a pull error), reporting how
 * many do on each change; the timeout names the ones that do not. A bound on waiting, not a timing
 * assertion.
 */
export async function waitForTenantPods(
  kube: KubeHttp,
  tenants: readonly { readonly namespace: string; readonly expected: TenantExpectation }[],
  options: {
    readonly log: (line: string) => void;
    readonly signal?: AbortSignal;
    readonly timeoutMs?: number;
  },
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  let reported = -1;
  let unsettled = tenants.map((t) => t.namespace);
  let lastError: unknown;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const observed = await observePods(kube);
      unsettled = tenants
        .filter((t) => observed.get(t.namespace) !== t.expected.pods)
        .map((t) => t.namespace);
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    const settled = tenants.length - unsettled.length;
    if (settled !== reported) {
      reported = settled;
      options.log(`pods: ${settled}/${tenants.length} tenants as expected`);
    }
    if (unsettled.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for the pods of ${unsettled.join(', ')} to look as expected` +
          (lastError ? ` (last error: ${(lastError as Error).message})` : ''),
      );
    await sleep(500, undefined, options.signal ? { signal: options.signal } : {});
  }
}
