// `npm run bench`: runs the benchmarks one after the other (each in its own Node process, starting its own
// control plane and stand-ins), writes each one's JSON to test-results/bench/<name>.json and prints their
// summaries. Adding a benchmark is one line in BENCHES: a script in bench/ that prints one JSON object on
// stdout (progress on stderr), with a flat `summary` object for this runner to print.
// `npm run bench -- resync audit` runs only those (resync, audit, control-plane, watch, ui). Nothing here
// judges a time: a benchmark fails only when it could not run (or, for the re-sync, when a side wrote the
// wrong tokens). The whole run sits inside scripts/with-keyring.sh (package.json): the engine keeps
// accounts in a keychain.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface BenchEntry {
  readonly name: string;
  /** Relative to bench/. */
  readonly script: string;
  readonly nodeArgs?: readonly string[];
}

const BENCHES: readonly BenchEntry[] = [
  { name: 'resync', script: 'resync.ts' },
  { name: 'audit', script: 'audit.ts' },
  { name: 'control-plane', script: 'control-plane.ts' },
  // global.gc(), so its heap figures are taken after a collection
  { name: 'watch', script: 'watch.ts', nodeArgs: ['--expose-gc'] },
  // needs the built renderer, which `npm test` leaves in out/
  { name: 'ui', script: 'ui.ts' },
];

const RESULTS = join(import.meta.dirname, '..', 'test-results', 'bench');

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !BENCHES.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark ${unknown.join(', ')}; there are: ${BENCHES.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}
const selected = wanted.length > 0 ? BENCHES.filter((bench) => wanted.includes(bench.name)) : BENCHES;

function run(bench: BenchEntry): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(bench.nodeArgs ?? []), join(import.meta.dirname, bench.script)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

mkdirSync(RESULTS, { recursive: true });
const lines: string[] = [];
let failed = 0;
for (const bench of selected) {
  console.error(`\n== bench/${bench.script}`);
  const started = performance.now();
  const { code, stdout } = await run(bench);
  const seconds = Math.round((performance.now() - started) / 1000);
  let report: { summary?: Record<string, unknown> } | undefined;
  try {
    report = JSON.parse(stdout) as { summary?: Record<string, unknown> };
  } catch {
    // no JSON: reported below as a failure
  }
  if (report) writeFileSync(join(RESULTS, `${bench.name}.json`), JSON.stringify(report, null, 2) + '\n');
  if (code !== 0 || !report) failed += 1;
  lines.push(
    `${bench.name} (${seconds} s)${code === 0 && report ? '' : ` FAILED (exit ${code}${report ? '' : ', no JSON'})`}`,
    ...(report && !report.summary ? ['  (no summary: see its JSON)'] : []),
    ...Object.entries(report?.summary ?? {}).map(([key, value]) => `  ${key}: ${String(value)}`),
  );
}
console.log(`\n${lines.join('\n')}\n\nJSON in ${RESULTS}/`);
process.exitCode = failed > 0 ? 1 : 0;
