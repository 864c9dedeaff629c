import type { ControlPlane } from '../../e2e/cluster/control-plane.ts';
import { requestsBetween, sampleRequests, type ApiserverRequests } from './apiserver-requests.ts';
import { cpuTimes, cpuTimesSince, type CpuTimes } from './cpu-time.ts';

export interface SideMeasurement<T> {
  readonly result: T;
  /** Wall time of `work` alone (the scrapes around it are not in it). */
  readonly ms: number;
  /** What the apiserver saw meanwhile. */
  readonly requests: ApiserverRequests;
  readonly cpu: CpuTimes;
}

/** Runs one side of a benchmark and measures it the same way whichever client it uses. */
export async function measureSide<T>(
  plane: ControlPlane,
  work: () => Promise<T>,
): Promise<SideMeasurement<T>> {
  const before = await sampleRequests(plane.admin);
  const cpuBefore = cpuTimes(plane.pids());
  const started = performance.now();
  const result = await work();
  const ms = Math.round(performance.now() - started);
  const cpu = cpuTimesSince(cpuBefore, plane.pids());
  const requests = requestsBetween(before, await sampleRequests(plane.admin));
  return { result, ms, requests, cpu };
}
