// `npm test`: every check the project has, in one command, ending with `N passed, N failed[, N skipped]`.
// Runs on Node 24 (scripts/run.sh put it first on PATH and ran `npm ci`). Steps keep going after a
// failure so one run shows everything that is wrong; the exit code is non-zero if anything failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { countsFromPlaywrightReport, countsFromVitestReport, type Counts } from './test-report.ts';

interface StepResult extends Counts {
  readonly name: string;
  readonly seconds: number;
  readonly note?: string;
}

const REPORTS = 'test-results';
const results: StepResult[] = [];

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function banner(name: string): void {
  console.log(`\n━━━ ${name} ${'━'.repeat(Math.max(0, 70 - name.length))}`);
}

/** A check that passes or fails as a whole (lint, typecheck, build). */
async function check(name: string, command: string, args: readonly string[]): Promise<boolean> {
  banner(name);
  const started = Date.now();
  const code = await run(command, args);
  results.push({
    name,
    passed: code === 0 ? 1 : 0,
    failed: code === 0 ? 0 : 1,
    skipped: 0,
    seconds: (Date.now() - started) / 1000,
  });
  return code === 0;
}

/** A test suite whose counts come from its JSON report; a crash without a report counts as one failure. */
async function suite(
  name: string,
  command: string,
  args: readonly string[],
  report: string,
  parse: (json: unknown) => Counts,
  env: NodeJS.ProcessEnv = {},
): Promise<void> {
  banner(name);
  const started = Date.now();
  rmSync(report, { force: true });
  const code = await run(command, args, env);
  const seconds = (Date.now() - started) / 1000;
  if (!existsSync(report)) {
    results.push({
      name,
      passed: 0,
      failed: 1,
      skipped: 0,
      seconds,
      note: `exited ${code} without a report`,
    });
    return;
  }
  const counts = parse(JSON.parse(readFileSync(report, 'utf8')));
  const failed = counts.failed === 0 && code !== 0 ? 1 : counts.failed; // e.g. an error outside any test
  results.push({
    name,
    ...counts,
    failed,
    seconds,
    ...(failed > counts.failed ? { note: `exited ${code}` } : {}),
  });
}

function skipStep(name: string, reason: string): void {
  results.push({ name, passed: 0, failed: 1, skipped: 0, seconds: 0, note: reason });
}

mkdirSync(REPORTS, { recursive: true });
const startedAt = Date.now();

// The control-plane build takes minutes when cold: start it now, let it overlap the static checks.
banner('control-plane binaries (background)');
const controlPlaneLog = `${REPORTS}/control-plane-build.log`;
const controlPlane = run('bash', ['-c', `e2e/cluster/build-binaries.sh > ${controlPlaneLog} 2>&1`]);
console.log(
  `building or reusing kube-apiserver, etcd, kube-controller-manager, kubectl; log: ${controlPlaneLog}`,
);

await check('lint', 'npm', ['run', '--silent', 'lint']);
await check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
const built = await check('build', 'npm', ['run', '--silent', 'build']);

const vitestArgs = (project: string) => [
  'vitest',
  'run',
  '--project',
  project,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${REPORTS}/${project}.json`,
];
await suite('unit', 'npx', vitestArgs('unit'), `${REPORTS}/unit.json`, countsFromVitestReport);

banner('waiting for the control-plane binaries');
const controlPlaneStarted = Date.now();
const controlPlaneCode = await controlPlane;
console.log(readFileSync(controlPlaneLog, 'utf8').trim().split('\n').slice(-3).join('\n'));
results.push({
  name: 'control-plane binaries',
  passed: controlPlaneCode === 0 ? 1 : 0,
  failed: controlPlaneCode === 0 ? 0 : 1,
  skipped: 0,
  seconds: (Date.now() - controlPlaneStarted) / 1000,
  ...(controlPlaneCode === 0 ? {} : { note: `see ${controlPlaneLog}` }),
});

const withKeyring = ['scripts/with-keyring.sh'];
await suite(
  'integration',
  'bash',
  [...withKeyring, 'npx', ...vitestArgs('integration')],
  `${REPORTS}/integration.json`,
  countsFromVitestReport,
);

if (built) {
  const display = existsSync('/usr/bin/xvfb-run') ? ['xvfb-run', '--auto-servernum', '--'] : [];
  await suite(
    'e2e',
    'bash',
    [...withKeyring, ...display, 'npx', 'playwright', 'test'],
    `${REPORTS}/e2e.json`,
    countsFromPlaywrightReport,
  );
} else {
  skipStep('e2e', 'not run: the build failed');
}

const total = results.reduce(
  (sum, r) => ({
    passed: sum.passed + r.passed,
    failed: sum.failed + r.failed,
    skipped: sum.skipped + r.skipped,
  }),
  {
    passed: 0,
    failed: 0,
    skipped: 0,
  },
);
banner('summary');
for (const r of results) {
  const counts = `${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(3)} failed ${String(r.skipped).padStart(3)} skipped`;
  console.log(
    `${r.name.padEnd(24)}${counts} ${r.seconds.toFixed(1).padStart(7)} s${r.note ? `  (${r.note})` : ''}`,
  );
}
for (const reason of results.flatMap((r) => r.skipReasons ?? [])) console.log(`skipped: ${reason}`);
console.log(`total wall time ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exitCode = total.failed > 0 ? 1 : 0;
