// The demo once the keychain works: the control-plane binaries, the sandbox, the guide, the panel, and a
// clean stop on Ctrl+C, SIGTERM, SIGHUP or the panel's exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { setLogLevel } from '../electron/core/log/logger.ts';
import { freePort } from '../e2e/cluster/free-port.ts';
import { startSandbox, type Sandbox } from '../e2e/sandbox/sandbox.ts';
import { buildApp, buildIsCurrent } from './app-build.ts';
import type { DemoOptions } from './demo-args.ts';
import { demoGuide } from './demo-guide.ts';
import { joinKeyringSession } from './keyring-session.ts';
import { startLoginUrlRelay, type LoginUrlRelay } from './login-url-relay.ts';
import { choosePanel, hasDisplay, type PanelChoice } from './panel-choice.ts';

const say = (line: string) => console.log(`ghcr-desk demo: ${line}`);

/**
 * The control-plane binaries, built from source on a first run (~10 min), its progress on stderr; in a
 * process group of its own, handed to `started`, so a stop request can end `go build` too.
 */
function prepareBinaries(started: (child: ChildProcess) => void): Promise<number> {
  say('control-plane binaries: checking (a first run builds them from source, ~10 minutes)…');
  const script = resolve(import.meta.dirname, '../e2e/cluster/build-binaries.sh');
  const child = spawn('bash', [script], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  started(child);
  return new Promise((done) => child.once('exit', (code) => done(code ?? 1)));
}

/** The panel as a child process with the sandbox's environment: the desktop app or serve mode. */
function openPanel(choice: PanelChoice, options: DemoOptions, env: NodeJS.ProcessEnv): ChildProcess {
  if (choice.kind === 'electron') {
    say('opening the desktop app; closing its window ends the demo.');
    return spawn(choice.binary, [choice.main], { stdio: 'inherit', env });
  }
  const args = ['--no-build', '--port', String(options.port), ...(options.open ? [] : ['--no-open'])];
  return spawn(process.execPath, [resolve(import.meta.dirname, 'serve.ts'), ...args], {
    stdio: 'inherit',
    env,
  });
}

export async function runDemo(options: DemoOptions): Promise<void> {
  // The product's info lines (accounts stored, logins started) would bury the guide.
  if (!process.env['GHCR_DESK_LOG_LEVEL']) setLogLevel('warn');

  /** What is running, for `stop` (signals may come at any point of the start). */
  const running: {
    sandbox?: Sandbox;
    panel?: ChildProcess;
    relay?: LoginUrlRelay;
    building?: ChildProcess;
  } = {};
  let stopping: Promise<never> | undefined;
  /** A stop asked for before the sandbox is up: the start gives up and undoes itself. */
  const starting = new AbortController();
  const stopRequested = () => starting.signal.aborted;

  /** Stops the panel, then the sandbox (processes, keychain items, profile), then exits. */
  function stop(code: number): Promise<never> {
    stopping ??= (async () => {
      let exitCode = code;
      const { panel, sandbox } = running;
      running.relay?.stop();
      if (panel && panel.exitCode === null && panel.signalCode === null) {
        const exited = new Promise((done) => panel.once('exit', done));
        panel.kill('SIGTERM');
        await exited;
      }
      if (sandbox) {
        say('stopping the sandbox…');
        try {
          await sandbox.stop();
          say('stopped; nothing is left behind.');
        } catch (error) {
          console.error(`ghcr-desk demo: the sandbox did not stop cleanly: ${(error as Error).message}`);
          exitCode = 1;
        }
      }
      process.exit(exitCode);
    })();
    return stopping;
  }

  function requestStop(): void {
    if (stopping || stopRequested()) return say('stopping, one moment…');
    if (running.sandbox) return void stop(0);
    say('stopping…');
    starting.abort();
    // A first run's `go build` takes minutes: end it rather than wait for it.
    if (running.building?.pid) process.kill(-running.building.pid, 'SIGTERM');
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, requestStop);
  joinKeyringSession(requestStop);

  // Serve mode would find a taken port only after the sandbox is up: say so before anything starts.
  if (
    options.port !== 0 &&
    !(await freePort(options.port).then(
      () => true,
      () => false,
    ))
  ) {
    console.error(
      `ghcr-desk demo: 127.0.0.1:${options.port} is in use; choose another --port, or leave it out for a free one.`,
    );
    process.exit(2);
  }
  if (!buildIsCurrent()) {
    say('building the app (electron-vite)…');
    const built = buildApp();
    if (built !== 0) process.exit(built);
  }
  const binaries = await prepareBinaries((child) => (running.building = child));
  running.building = undefined;
  if (binaries !== 0) {
    if (stopRequested()) process.exit(0);
    console.error('ghcr-desk demo: the control-plane binaries could not be built; the lines above say why.');
    process.exit(1);
  }
  if (stopRequested()) process.exit(0);

  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ log: say, signal: starting.signal });
    running.sandbox = sandbox;
  } catch (error) {
    if (stopRequested()) {
      say('stopped before the sandbox was up; nothing is left behind.');
      process.exit(0);
    }
    console.error(`ghcr-desk demo: the sandbox did not start: ${(error as Error).message}`);
    process.exit(1);
  }
  // Asked to stop just as the start finished.
  if (stopRequested()) await stop(0);

  const choice: PanelChoice = options.serve ? { kind: 'serve', reason: 'asked for' } : choosePanel();
  if (choice.kind === 'serve' && !options.serve)
    say(`${choice.reason}: the panel opens in serve mode (in the browser) instead of the desktop app.`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...sandbox.env,
    GHCR_DESK_LOG_LEVEL: process.env['GHCR_DESK_LOG_LEVEL'] ?? 'warn',
  };
  if (!hasDisplay() && !process.env['BROWSER']) {
    const relay = startLoginUrlRelay(sandbox.profileDir, (url) =>
      say(
        `GitHub login waiting: open this in a browser on this machine and approve as the tenant:\n  ${url}`,
      ),
    );
    running.relay = relay;
    Object.assign(env, relay.env);
  }
  console.log(demoGuide(sandbox));
  if (choice.kind === 'serve')
    say(
      options.open && hasDisplay()
        ? 'the panel opens in your browser; Ctrl+C stops everything.'
        : 'open the URL below in a browser on this machine; Ctrl+C stops everything.',
    );
  running.panel = openPanel(choice, options, env);
  running.panel.once('exit', (code, signal) => {
    if (!stopping) say(`the panel exited (${signal ?? `code ${code}`}); stopping the demo.`);
    void stop(code ?? 0);
  });
}
