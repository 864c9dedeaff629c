// Where the panel can be shown on this machine: the desktop app when the Electron binary can be had and
// there is a display, else serve mode in the browser (and why). `npm start` and `npm run demo` share it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type PanelChoice =
  | { readonly kind: 'electron'; readonly binary: string; readonly main: string }
  | { readonly kind: 'serve'; readonly reason: string };

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

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform !== 'linux' || Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

/** Electron where it can run; the reason otherwise. Without a display the download is not even tried. */
export function choosePanel(): PanelChoice {
  if (!hasDisplay()) return { kind: 'serve', reason: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  const electron = ensureElectronBinary();
  return 'binary' in electron
    ? { kind: 'electron', binary: electron.binary, main: resolve('out/main/index.js') }
    : { kind: 'serve', reason: electron.reason };
}
