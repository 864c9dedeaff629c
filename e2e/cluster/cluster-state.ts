import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where `npm run cluster:up` keeps its instance (certificates, kubeconfigs, etcd data, logs, pids). */
export function clusterUpDir(): string {
  return join(process.env['GHCR_DESK_CACHE'] ?? join(homedir(), '.cache', 'ghcr-desk'), 'cluster-up');
}

/** The `<name> <pid>` lines of an instance's pid file, one process group leader each. */
export function parsePidFile(text: string): { name: string; pid: number }[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts) => parts.length === 2 && /^\d+$/.test(parts[1] ?? ''))
    .map(([name = '', pid = '0']) => ({ name, pid: Number(pid) }));
}
