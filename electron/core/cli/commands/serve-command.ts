import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DeskError } from '../../../../shared/contract/result.ts';
import { clusterEngine } from '../../host/cluster-engine.ts';
import { createDeskHost } from '../../host/desk-host.ts';
import { systemBrowserOpener } from '../../engine/system-browser.ts';
import { writeBrowserHandoff } from '../../serve/browser-handoff.ts';
import { startServeMode } from '../../serve/serve-mode.ts';
import type { ParsedOptions } from '../cli-args.ts';
import { integerOption } from '../cli-args.ts';
import type { CliSession } from '../cli-session.ts';
import { err, printJson } from '../output.ts';
import { EXIT, UsageError } from '../usage-error.ts';

const APP_ROOT = resolve(import.meta.dirname, '../../../..');

/**
 * `ghcr-desk serve`: the panel on 127.0.0.1 with the real host and this engine. The URL carries the
 * per-launch token and is printed exactly once, on stdout (never through the logger).
 */
export async function serveCommand(
  session: CliSession,
  args: readonly string[],
  options: ParsedOptions,
  signal: AbortSignal,
): Promise<number> {
  if (args.length > 0) throw new UsageError(`serve takes no arguments (got "${args.join(' ')}").`);
  const port = integerOption('port', options.port, 0, 65535) ?? 0;
  const rendererDir = join(APP_ROOT, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new DeskError(
      'not-implemented',
      `The panel is not built (${rendererDir} is missing): run \`npm run build\` first.`,
    );
  const { version } = JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as { version: string };
  const host = createDeskHost({
    profileDir: session.profileDir,
    version,
    settings: session.settingsStore,
    engine: clusterEngine({
      openBrowser: session.openBrowser,
      ...(session.parts.pods ? { pods: session.parts.pods } : {}),
    }),
  });
  const serve = await startServeMode({ host, rendererDir, port }).catch(async (error: unknown) => {
    await host.close();
    throw error;
  });
  if (session.json) printJson(session.io, { url: serve.url, profile: session.profileDir });
  else {
    session.io.stdout.write(`ghcr-desk: profile ${session.profileDir}\n`);
    session.io.stdout.write(`ghcr-desk: open ${serve.url}  (Ctrl+C to stop)\n`);
  }
  if (options.open) {
    const handoff = await writeBrowserHandoff(serve.url);
    await systemBrowserOpener(session.io.env)(handoff.path).catch((error: unknown) =>
      err(
        session.io,
        `Could not open a browser (${error instanceof Error ? error.message : String(error)}); open the URL above.`,
      ),
    );
    setTimeout(() => void handoff.remove(), 60_000).unref();
  }
  await new Promise<void>((done) => {
    if (signal.aborted) return done();
    signal.addEventListener('abort', () => done(), { once: true });
  });
  await Promise.all([serve.close(), host.close()]);
  return EXIT.ok;
}
