import { spawn } from 'node:child_process';

// The last line of defence when the Node process that owns a control plane dies without running its
// 'exit' handler (SIGKILL, OOM, a crashed Vitest worker): a tiny shell that polls the owner and then kills
// every process group listed in the instance's pid file (re-read at that moment, so restarted components are
// covered) and removes the instance directory.
const SCRIPT = `
owner="$1"; pids="$2"; dir="$3"
# Gone, or a zombie its parent has not reaped yet.
while kill -0 "$owner" 2>/dev/null && ! grep -q ') Z ' "/proc/$owner/stat" 2>/dev/null; do sleep 1; done
if [ -f "$pids" ]; then
  while read -r _name pid; do [ -n "$pid" ] && kill -KILL -- "-$pid" 2>/dev/null; done < "$pids"
fi
if [ -n "$dir" ]; then rm -rf -- "$dir"; fi
`;

export interface OwnerWatchdog {
  /** Stops the watchdog (the owner is stopping the control plane itself). */
  dismiss(): void;
}

/** `pidFile` holds lines `<name> <pid>`, one per process group leader. */
export function startOwnerWatchdog(pidFile: string, removeDir: string | undefined): OwnerWatchdog {
  const child = spawn(
    'bash',
    ['-c', SCRIPT, 'ghcr-desk-watchdog', String(process.pid), pidFile, removeDir ?? ''],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  child.unref();
  return {
    dismiss() {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}
