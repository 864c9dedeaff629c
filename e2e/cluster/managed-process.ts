import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A child process in its own process group, its output appended to a log file. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Settles when the process has exited (never rejects). */
  readonly exited: Promise<ProcessExit>;
  isRunning(): boolean;
  /** SIGTERM to the whole group, SIGKILL after `graceMs` (at once if 0); resolves once it has exited. */
  stop(graceMs?: number): Promise<ProcessExit>;
}

export interface StartProcessOptions {
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /**
   * Keep running after this Node process exits (`npm run cluster:up`). Otherwise the process group is
   * killed when this process exits or receives SIGINT/SIGTERM/SIGHUP.
   */
  readonly outliveParent?: boolean;
}

/** Process groups to kill if this Node process goes away before stopping them. */
const owned = new Map<number, string>();
let hooksInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Synchronous on purpose: 'exit' handlers cannot await. */
function killOwnedGroups(): void {
  for (const pid of owned.keys()) killGroup(pid, 'SIGKILL');
  owned.clear();
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killOwnedGroups);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      killOwnedGroups();
      // Only we were listening: keep the default behaviour (terminate by that signal).
      if (process.listenerCount(signal) === 1) {
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

/** Whether `pid` runs. A zombie (exited, not yet reaped by whoever adopted it) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S …"; comm may contain spaces, the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no procfs (macOS): kill(0) is all we know
  }
}

/**
 * Starts `command` detached into a new process group (so stopping it also stops anything it spawned),
 * with stdout and stderr appended to `logFile`.
 */
export function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: StartProcessOptions,
): ManagedProcess {
  const fd = openSync(options.logFile, 'a');
  writeSync(fd, `\n=== ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (child.pid === undefined) {
    throw new Error(`${name}: could not start ${command}`);
  }
  const pid = child.pid;
  let running = true;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      owned.delete(pid);
      resolve({ code, signal });
    });
    child.once('error', () => {
      running = false;
      owned.delete(pid);
      resolve({ code: null, signal: null });
    });
  });
  if (options.outliveParent) {
    child.unref();
  } else {
    installExitHooks();
    owned.set(pid, name);
  }
  return {
    name,
    pid,
    logFile: options.logFile,
    exited,
    isRunning: () => running,
    async stop(graceMs = 10_000) {
      if (!running) return exited;
      killGroup(pid, graceMs <= 0 ? 'SIGKILL' : 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      // Anything the process left in its group goes too.
      killGroup(pid, 'SIGKILL');
      return result;
    },
  };
}

/**
 * Stops a process group this Node process did not start (e.g. `cluster:down` after `cluster:up`):
 * SIGTERM, then SIGKILL after `graceMs`, polling until the leader is gone.
 */
export async function stopProcessGroup(pid: number, graceMs = 10_000): Promise<void> {
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  killGroup(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(20);
}

export { isAlive as isProcessAlive };
