// The panel in serve mode with the real host and engine, for `npm run serve` and `npm start`'s fallback.
// (`ghcr-desk serve` does the same from the CLI.)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeBrowserHandoff } from '../electron/core/serve/browser-handoff.ts';
import { startServeMode } from '../electron/core/serve/serve-mode.ts';
import { ENGINE_PARTS } from '../electron/core/engine/engine-parts.ts';
import { systemBrowserOpener } from '../electron/core/engine/system-browser.ts';
import { clusterEngine } from '../electron/core/host/cluster-engine.ts';
import { createDeskHost } from '../electron/core/host/desk-host.ts';
import { defaultProfileDir } from '../electron/core/settings/profile-dir.ts';
import { openInBrowser } from './open-in-browser.ts';

export async function servePanel(options: { readonly port?: number; readonly open: boolean }): Promise<void> {
  const { version } = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string };
  const profileDir = defaultProfileDir();
  const host = createDeskHost({
    profileDir,
    version,
    engine: clusterEngine({ ...ENGINE_PARTS, openBrowser: systemBrowserOpener() }),
  });
  const serve = await startServeMode({ host, rendererDir: resolve('out/renderer'), port: options.port });
  // The one time the token is shown: the URL on stdout for the operator (never through the logger).
  console.log(`ghcr-desk: profile ${profileDir}`);
  console.log(`ghcr-desk: open ${serve.url}  (Ctrl+C to stop)`);
  const handoff = options.open ? await writeBrowserHandoff(serve.url) : undefined;
  if (handoff) {
    openInBrowser(handoff.path);
    setTimeout(() => void handoff.remove(), 60_000).unref();
  }
  // The handoff file goes too when stopped within its minute: no temporary folder is left behind.
  const stop = () =>
    void Promise.all([serve.close(), host.close(), handoff?.remove()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
