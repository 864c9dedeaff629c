// Part of `npm run lint`: @doyensec/electronegativity over electron/ (+ the renderer's index.html), failing on
// any finding, and on any `eng-disable` comment that does not explain itself.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const ENGINE_DIR = resolve('node_modules/@doyensec/electronegativity/dist');
const ELECTRON_VERSION: string = require('electron/package.json').version;

// Electronegativity fetches translations (and release data) with `got` at start. Offline, got's retry
// timer throws an uncaught error after the request already failed, so give it a `got` that fails at once.
const gotPath = require.resolve('got', { paths: [join(ENGINE_DIR, 'locales')] });
const offlineGot = Object.assign(() => Promise.reject(new Error('offline')), {
  head: () => Promise.reject(new Error('offline')),
});
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: offlineGot,
} as unknown as NodeJS.Module;

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description: string;
  manualReview?: boolean;
}
interface RunResult {
  issues: Finding[];
  errors: { file: string; message?: string }[];
}
const run: (options: object) => Promise<RunResult> = require(join(ENGINE_DIR, 'runner.js'));

// One tree holding both the main-process code and the page, so global checks (CSP, navigation limits,
// permission handler) see everything the app does.
const SCANNED = ['electron', 'renderer/index.html'];
const tree = mkdtempSync(join(tmpdir(), 'electronegativity-'));
for (const path of SCANNED) cpSync(path, join(tree, path), { recursive: true });

const problems: string[] = [];
const log = console.log;
console.log = () => undefined; // the runner chats on stdout even in library mode
const result = await run({
  input: tree,
  customScan: [],
  excludeFromScan: [],
  severitySet: 'informational',
  confidenceSet: 'tentative',
  isRelative: true,
  isVerbose: true,
  electronVersionOverride: ELECTRON_VERSION,
  parserPlugins: [],
}).finally(() => {
  console.log = log;
  rmSync(tree, { recursive: true, force: true });
});
for (const error of result.errors)
  problems.push(`${error.file}: could not be parsed (${error.message ?? 'parse error'})`);
for (const finding of result.issues) {
  problems.push(
    `${finding.file}:${finding.location.line} ${finding.id}${finding.manualReview ? ' (review required)' : ''}: ${finding.description}`,
  );
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|html)$/.test(entry.name)) yield path;
  }
}
for (const file of [...sourceFiles('electron'), ...SCANNED.filter((path) => path.endsWith('.html'))]) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      // JS: `// eng-disable CHECK_ID: why`; HTML (the tool's pattern allows no colon): `<!-- eng-disable CHECK_ID --><!-- why -->`.
      if (/eng-disable/.test(line) && !/eng-disable\s+[A-Z_ ]+(:|-->\s*<!--)\s*\S.{9,}/.test(line)) {
        problems.push(
          `${relative('.', file)}:${index + 1}: eng-disable without an explanation ("eng-disable CHECK_ID: why it is safe")`,
        );
      }
    });
}

if (problems.length > 0) {
  console.error(`electronegativity: ${problems.length} unexplained finding(s):\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(`electronegativity: no unexplained findings (Electron ${ELECTRON_VERSION})`);
}
