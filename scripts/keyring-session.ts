// Runs a script inside scripts/with-keyring.sh (a private D-Bus session with an unlocked, throwaway
// gnome-keyring) when this machine has no Secret Service, as on a headless root shell: keytar then works.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeytarVault } from '../electron/core/vault/keytar-vault.ts';

const WITH_KEYRING = join(import.meta.dirname, 'with-keyring.sh');
/** Set by with-keyring.sh inside its session. */
const INSIDE = 'GHCR_DESK_KEYRING_SESSION';
/** Where the script inside writes its pid, so signals reach it rather than the session around it. */
const PID_FILE = 'GHCR_DESK_KEYRING_CHILD_PID_FILE';
/** The outer process: the script inside stops when it is gone (killed with SIGKILL, say). */
const OUTER_PID = 'GHCR_DESK_KEYRING_OUTER_PID';

export function insideKeyringSession(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[INSIDE] === '1';
}

/**
 * One write and delete under a probe service (a read alone can succeed where storing cannot). A keyring
 * that neither answers nor fails within `timeoutMs` (a prompt nobody can see) counts as unreachable.
 */
export async function secretServiceReachable(timeoutMs = 20_000): Promise<boolean> {
  const vault = createKeytarVault({ service: 'ghcr-desk-probe' });
  const key = { host: 'probe.invalid', login: 'probe' };
  const probe = vault.setToken(key, 'probe').then(() => vault.deleteToken(key));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer')), timeoutMs);
  });
  try {
    await Promise.race([probe, late]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `node <script> <args>` under with-keyring.sh and resolves with its exit code. The session runs in
 * its own process group, so Ctrl+C reaches only this process, which hands SIGINT/SIGTERM to the script
 * alone: dbus-daemon and gnome-keyring must outlive the script's cleanup (it deletes keychain items),
 * and with-keyring.sh removes its scratch folder after the script exits.
 */
export function runInKeyringSession(script: string, args: readonly string[]): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'ghcr-desk-keyring-run-'));
  const pidFile = join(scratch, 'pid');
  const child = spawn('bash', [WITH_KEYRING, process.execPath, script, ...args], {
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, [PID_FILE]: pidFile, [OUTER_PID]: String(process.pid) },
  });
  const forward = (signal: NodeJS.Signals) => {
    let inner: number | undefined;
    try {
      inner = Number(readFileSync(pidFile, 'utf8')) || undefined;
    } catch {
      inner = undefined;
    }
    try {
      // Before the script is up there is nothing of it to clean: stop the whole session.
      if (inner) process.kill(inner, signal);
      else if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const onInt = () => forward('SIGINT');
  const onTerm = () => forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onTerm);
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onTerm);
      rmSync(scratch, { recursive: true, force: true });
      resolve(code ?? (signal === 'SIGINT' ? 130 : 143));
    });
  });
}

/**
 * Inside the session: tells the outer process where to send signals, and calls `onOrphaned` when the
 * outer process disappears without one.
 */
export function joinKeyringSession(onOrphaned: () => void, env: NodeJS.ProcessEnv = process.env): void {
  const pidFile = env[PID_FILE];
  const outer = Number(env[OUTER_PID]);
  if (pidFile) writeFileSync(pidFile, String(process.pid));
  if (!outer) return;
  const timer = setInterval(() => {
    try {
      process.kill(outer, 0);
    } catch {
      clearInterval(timer);
      onOrphaned();
    }
  }, 1000);
  timer.unref();
}
