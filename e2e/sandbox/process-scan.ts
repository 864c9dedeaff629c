import { readdirSync, readFileSync } from 'node:fs';

export interface ScannedProcess {
  readonly pid: number;
  readonly command: string;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // gone meanwhile, or not ours to read
  }
}

/**
 * Live processes (Linux /proc; zombies excluded) whose command line or environment contains `needle`:
 * a test marks what it starts with an environment variable, which daemons keep when they detach from
 * their parent, and afterwards looks for anything still carrying it.
 */
export function processesMentioning(needle: string): ScannedProcess[] {
  const found: ScannedProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const stat = read(`/proc/${pid}/stat`);
    if (!stat || stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
    const command = (read(`/proc/${pid}/cmdline`) ?? '').replaceAll('\0', ' ').trim();
    if (command.includes(needle) || (read(`/proc/${pid}/environ`) ?? '').includes(needle))
      found.push({ pid, command });
  }
  return found;
}
