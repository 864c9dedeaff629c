// Serve mode for e2e specs: the built renderer and the real host, in a throwaway profile.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Settings } from '../../shared/domain/app.ts';
import { createDeskHost, type DeskHost } from '../../electron/core/host/desk-host.ts';
import type { EngineFactory } from '../../electron/core/host/engine.ts';
import { startServeMode, type RunningServeMode } from '../../electron/core/serve/serve-mode.ts';

export interface Panel extends RunningServeMode {
  readonly host: DeskHost;
  readonly profileDir: string;
  /** The per-launch token (tests need it to build refused and accepted requests). */
  readonly token: string;
}

export async function startPanel(
  options: {
    readonly engine?: EngineFactory;
    readonly settings?: Partial<Settings>;
    /** A profile that is ready (e.g. the sandbox's); default a fresh one with `settings`. */
    readonly profileDir?: string;
  } = {},
): Promise<Panel> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'ghcr-desk-e2e-'));
  if (!options.profileDir) {
    // Never the machine's own kubeconfig: a path that does not exist unless a spec gives one.
    const settings = { kubeconfigPath: join(profileDir, 'no-kubeconfig'), ...options.settings };
    writeFileSync(join(profileDir, 'settings.json'), JSON.stringify(settings));
  }
  const host = createDeskHost({ profileDir, version: '0.0.0-e2e', engine: options.engine });
  const serve = await startServeMode({ host, rendererDir: resolve('out/renderer') });
  return {
    ...serve,
    host,
    profileDir,
    token: new URL(serve.url).hash.replace('#token=', ''),
    async close() {
      await serve.close();
      await host.close();
    },
  };
}
