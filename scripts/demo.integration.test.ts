import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../e2e/cluster/wait-for.ts';
import { processesMentioning } from '../e2e/sandbox/process-scan.ts';
import { DEMO_TENANTS } from '../e2e/sandbox/tenant-catalog.ts';

const DEMO = join(import.meta.dirname, 'demo.ts');
/** Token shapes (GitHub's prefixes): none may reach the demo's output. */
const TOKEN_SHAPE = /\b(gh[opusr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/;

interface DemoRun {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runDemo(args: readonly string[], env: NodeJS.ProcessEnv): DemoRun {
  const child = spawn(process.execPath, [DEMO, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, output: () => output, exited };
}

describe('npm run demo', () => {
  const started: DemoRun[] = [];
  afterAll(() => {
    for (const run of started) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  });

  it('refuses garbage on its command line before starting anything, and says what it takes', async () => {
    for (const [args, message] of [
      [['--frobnicate'], /^ghcr-desk demo: unknown option --frobnicate\. Run `npm run demo -- --help`/],
      [['--port', 'eighty'], /--port must be a port number \(0-65535\), not "eighty"/],
      [['tenants'], /unexpected argument tenants/],
    ] as const) {
      const run = runDemo(args, process.env);
      started.push(run);
      expect(await run.exited).toEqual({ code: 2, signal: null });
      expect(run.output()).toMatch(message);
      expect(run.output()).not.toMatch(/control plane|sandbox/);
    }
    const taken = createServer();
    await new Promise<void>((listening) => taken.listen(0, '127.0.0.1', listening));
    const port = (taken.address() as { port: number }).port;
    try {
      const busy = runDemo(['--port', String(port)], process.env);
      started.push(busy);
      expect(await busy.exited).toEqual({ code: 2, signal: null });
      expect(busy.output()).toContain(`ghcr-desk demo: 127.0.0.1:${port} is in use; choose another --port`);
      expect(busy.output()).not.toMatch(/control plane|sandbox/);
    } finally {
      taken.close();
    }
    const help = runDemo(['--help'], process.env);
    started.push(help);
    expect(await help.exited).toEqual({ code: 0, signal: null });
    expect(help.output()).toContain('--no-open');
  });

  it('on a machine without a Secret Service: runs itself in a throwaway keyring, prints the guide and the panel URL, and stops on SIGTERM leaving nothing behind', async () => {
    // Marks every process of this run, daemons included (they keep their environment when they detach).
    const markValue = randomBytes(8).toString('hex');
    const mark = `GHCR_DESK_DEMO_TEST_MARK=${markValue}`;
    const env: NodeJS.ProcessEnv = { ...process.env, GHCR_DESK_DEMO_TEST_MARK: markValue };
    // As on a headless root shell: no D-Bus session, not inside the test run's keyring either.
    delete env['DBUS_SESSION_BUS_ADDRESS'];
    delete env['GHCR_DESK_KEYRING_SESSION'];
    delete env['DISPLAY'];
    delete env['WAYLAND_DISPLAY'];
    const run = runDemo(['--no-open'], env);
    started.push(run);

    const url = await waitFor(
      'the panel URL',
      async () => {
        if (run.child.exitCode !== null) throw new Error(`the demo exited early:\n${run.output()}`);
        return /ghcr-desk: open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(run.output())?.[1];
      },
      { timeoutMs: 600_000, intervalMs: 250 },
    );
    const output = run.output();
    expect(output).toMatch(/ghcr-desk demo: no D-Bus session .*throwaway gnome-keyring session/);
    for (const tenant of DEMO_TENANTS) expect(output).toContain(tenant.namespace.replace(/^project-/, ''));
    expect(output).toContain('Authorize ghcr-desk demo');
    expect(output).not.toMatch(TOKEN_SHAPE);
    const page = await fetch(new URL(url).origin);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    const profileDir = /profile\s+(\S*ghcr-desk-sandbox-\S+)/.exec(output)?.[1] ?? '';
    const kubeconfig = /--kubeconfig (\S+)/.exec(output)?.[1] ?? '';
    expect(existsSync(profileDir) && existsSync(kubeconfig)).toBe(true);
    const processes = processesMentioning(mark).map((p) => p.command);
    for (const part of [
      'etcd',
      'kube-apiserver',
      'kube-controller-manager',
      'serve.ts',
      'gnome-keyring-daemon',
    ])
      expect(processes.some((command) => command.includes(part))).toBe(true);

    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.output()).toContain('ghcr-desk demo: stopped; nothing is left behind.');
    expect(run.output()).not.toMatch(TOKEN_SHAPE);
    // dbus-daemon and gnome-keyring go when their session ends, a moment after the demo.
    await waitFor('every process of the demo to be gone', () => processesMentioning(mark).length === 0, {
      timeoutMs: 15_000,
    }).catch(() => expect(processesMentioning(mark)).toEqual([]));
    expect(existsSync(profileDir)).toBe(false);
    expect(existsSync(kubeconfig)).toBe(false);
  });
});
