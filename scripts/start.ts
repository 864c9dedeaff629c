// `npm start`: build, then open the desktop app. Where the Electron binary cannot be fetched (no internet)
// or there is no display, say so in one line and open the same panel in serve mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { servePanel } from './serve-panel.ts';

const ELECTRON_DIR = resolve('node_modules/electron');

function electronBinary(): string | undefined {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

/** Fetches the Electron binary on first use (npm ci skipped it); returns why not, when it could not. */
function ensureElectronBinary(): { binary: string } | { reason: string } {
  const present = electronBinary();
  if (present) return { binary: present };
  const install = spawnSync(process.execPath, [join(ELECTRON_DIR, 'install.js')], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  const fetched = electronBinary();
  if (fetched) return { binary: fetched };
  const why = (install.stderr || install.stdout || install.error?.message || 'unknown error')
    .trim()
    .split('\n')
    .pop();
  return { reason: `the Electron binary could not be downloaded (${why})` };
}

function hasDisplay(): boolean {
  return process.platform !== 'linux' || Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']);
}

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = ensureElectronBinary();
if ('binary' in electron && hasDisplay()) {
  const child = spawn(electron.binary, [resolve('out/main/index.js')], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const reason =
    'reason' in electron ? electron.reason : 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)';
  console.log(`ghcr-desk: ${reason}; opening the panel in serve mode instead.`);
  await servePanel({ open: true });
}
