// The desktop app's build (main, preload, renderer through electron-vite), and whether `out/` is older
// than what it is built from: `npm start` always builds, `npm run demo` only when it must.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SOURCES = [
  'electron',
  'renderer',
  'shared',
  'resources',
  'electron.vite.config.ts',
  'package-lock.json',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when every output exists and is newer than every source file. */
export function buildIsCurrent(root = process.cwd()): boolean {
  const outputs = OUTPUTS.map((file) => join(root, file));
  if (!outputs.every((file) => existsSync(file))) return false;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const sources = SOURCES.map((path) => join(root, path)).filter((path) => existsSync(path));
  return sources.every((path) => newestMtime(path) < built);
}

/** Runs the build with its output on this terminal; returns its exit code. */
export function buildApp(): number {
  return spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' }).status ?? 1;
}
