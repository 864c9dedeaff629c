import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type ControlPlane } from '../../e2e/cluster/control-plane.ts';
import { startStandInGitHub, type StandInGitHub } from '../../e2e/github/stand-in-github.ts';
import { DEFAULT_SETTINGS } from '../../shared/contract/settings-schema.ts';
import type { Settings } from '../../shared/domain/app.ts';
import { openActivityLog } from '../../electron/core/activity/activity-log.ts';
import { createEngineServices, type EngineServices } from '../../electron/core/engine/engine-services.ts';
import { createMemoryAccountRecords } from '../../electron/core/github/account-records.ts';
import { setLogSink } from '../../electron/core/log/logger.ts';
import { createKeytarVault } from '../../electron/core/vault/keytar-vault.ts';

/**
 * What a benchmark of the engine runs against: a private control plane (nothing else loads it), the
 * stand-in GitHub and registry with the owners and their images, the real keychain under a throwaway
 * service name, and the engine services composed exactly as the CLI and the panel compose them, with the
 * default settings (only the cluster, GitHub and registry addresses point at the stand-ins).
 */
export interface BenchWorld {
  readonly plane: ControlPlane;
  readonly github: StandInGitHub;
  readonly services: EngineServices;
  readonly settings: Settings;
  /** For a CLI run against the same keychain items and profile. */
  readonly keychainService: string;
  readonly profileDir: string;
  stop(): Promise<void>;
}

export async function startBenchWorld(owners: readonly string[]): Promise<BenchWorld> {
  // The engine logs per item at info level; a benchmark's stderr is for its progress lines.
  setLogSink(() => undefined);
  const plane = await startControlPlane();
  const github = await startStandInGitHub();
  for (const login of owners) {
    github.admin.createUser({ login });
    github.admin.createImage({ repository: `${login}/web`, tags: ['1.0'] });
  }
  const keychainService = `ghcr-desk-bench-${randomBytes(6).toString('hex')}`;
  const vault = createKeytarVault({ service: keychainService });
  const profileDir = mkdtempSync(join(tmpdir(), 'ghcr-desk-bench-'));
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    kubeconfigPath: plane.kubeconfigPath,
    githubUrl: github.webUrl,
    registryUrl: github.registryUrl,
  };
  const services = createEngineServices({
    settings: () => settings,
    vault,
    records: createMemoryAccountRecords(),
    openBrowser: () => Promise.reject(new Error('no browser in a benchmark')),
    activity: openActivityLog(profileDir),
  });
  return {
    plane,
    github,
    services,
    settings,
    keychainService,
    profileDir,
    async stop() {
      await services.close();
      for (const key of await vault.listTokens()) await vault.deleteToken(key);
      await github.stop();
      await plane.stop();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
