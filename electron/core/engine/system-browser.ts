import { spawn } from 'node:child_process';
import { githubEndpoints } from '../github/endpoints.ts';
import type { BrowserOpener } from '../github/loopback-oauth.ts';

/**
 * Only GitHub's own login pages are ever opened: an http(s) URL whose origin is the configured GitHub
 * web origin, compared parsed (never by prefix). Anything else is refused before it reaches the opener.
 */
export function vettedOpener(open: BrowserOpener, githubUrl: () => string): BrowserOpener {
  return async (url) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new Error('refusing to open something that is not a URL');
    }
    const allowed = new URL(githubEndpoints(githubUrl()).webUrl).origin;
    if ((target.protocol !== 'https:' && target.protocol !== 'http:') || target.origin !== allowed)
      throw new Error(`refusing to open ${target.origin}: only ${allowed} (Settings › GitHub URL) is opened`);
    await open(url);
  };
}

/** The command that shows a URL: $BROWSER (as many CLIs honour it), else the platform's opener. */
export function browserCommand(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const fromEnv = env['BROWSER']?.split(':')[0]?.trim();
  if (fromEnv) return fromEnv;
  if (platform === 'darwin') return 'open';
  if (platform === 'win32') return 'explorer.exe';
  return env['DISPLAY'] || env['WAYLAND_DISPLAY'] ? 'xdg-open' : undefined;
}

/**
 * Opens a URL in the user's browser outside Electron (CLI, serve mode). Resolves once the opener started;
 * rejects when there is none (a headless machine without $BROWSER) or it cannot be started.
 */
export function systemBrowserOpener(env: NodeJS.ProcessEnv = process.env): BrowserOpener {
  return (url) =>
    new Promise<void>((resolve, reject) => {
      const command = browserCommand(env);
      if (!command) return reject(new Error('no browser on this machine (no display and no $BROWSER)'));
      const child = spawn(command, [url], { stdio: 'ignore', detached: true, env });
      child.once('error', (error) => reject(new Error(`could not start ${command}: ${error.message}`)));
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
}
