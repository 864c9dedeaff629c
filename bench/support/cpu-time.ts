import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system) spent by the benchmark process, by the children it has waited for (kubectl and
 * its shell, the CLI) and by the control plane's processes. On a shared 2-core machine wall time moves with
 * everyone else's load; CPU time per item does not, and says which side of the wire a figure is bound by.
 */
export interface CpuTimes {
  readonly benchProcessMs: number;
  readonly childrenMs: number;
  /** kube-apiserver, etcd, kube-controller-manager by name. */
  readonly controlPlaneMs: Readonly<Record<string, number>>;
}

// Linux reports /proc times in clock ticks of USER_HZ, which is 100 on every architecture it supports.
const TICK_MS = 10;

/** utime + stime, and cutime + cstime (waited-for children), from /proc/<pid>/stat. */
function procTimes(pid: number | 'self'): { own: number; children: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which sits in parentheses and may hold spaces.
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const at = (field: number) => fields[field - 3] ?? 0;
  return { own: (at(14) + at(15)) * TICK_MS, children: (at(16) + at(17)) * TICK_MS };
}

export function cpuTimes(controlPlane: Readonly<Record<string, number>>): CpuTimes {
  const usage = process.cpuUsage();
  return {
    benchProcessMs: (usage.user + usage.system) / 1000,
    childrenMs: procTimes('self').children,
    controlPlaneMs: Object.fromEntries(
      Object.entries(controlPlane).map(([name, pid]) => [name, procTimes(pid).own]),
    ),
  };
}

export function cpuTimesSince(before: CpuTimes, controlPlane: Readonly<Record<string, number>>): CpuTimes {
  const now = cpuTimes(controlPlane);
  return {
    benchProcessMs: Math.round(now.benchProcessMs - before.benchProcessMs),
    childrenMs: now.childrenMs - before.childrenMs,
    controlPlaneMs: Object.fromEntries(
      Object.entries(now.controlPlaneMs).map(([name, ms]) => [name, ms - (before.controlPlaneMs[name] ?? 0)]),
    ),
  };
}
