// The product's engine services against the shared control plane, the stand-in GitHub/ghcr and the real
// keychain (under a service name of its own), for integration tests of the engine's parts.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from '../../shared/domain/app.ts';
import { DEFAULT_SETTINGS } from '../../shared/contract/settings-schema.ts';
import { openActivityLog, type ActivityLog } from '../../electron/core/activity/activity-log.ts';
import { createEngineServices, type EngineServices } from '../../electron/core/engine/engine-services.ts';
import { createMemoryAccountRecords } from '../../electron/core/github/account-records.ts';
import type { BrowserOpener } from '../../electron/core/github/loopback-oauth.ts';
import { createKeytarVault } from '../../electron/core/vault/keytar-vault.ts';
import type { TokenVault } from '../../electron/core/vault/token-vault.ts';
import type { KubeHttp } from '../cluster/kube-http.ts';
import { kubeHttpFor, sharedControlPlane } from '../cluster/shared-control-plane.ts';
import type { ControlPlaneInfo } from '../cluster/control-plane.ts';
import { startStandInGitHub, type StandInGitHub } from '../github/stand-in-github.ts';

export interface EngineWorld {
  readonly plane: ControlPlaneInfo;
  readonly admin: KubeHttp;
  readonly github: StandInGitHub;
  readonly keychainService: string;
  readonly vault: TokenVault;
  readonly profileDir: string;
  readonly activity: ActivityLog;
  settings: Settings;
  /** The engine on `settings` (read at each call). */
  services(options?: { openBrowser?: BrowserOpener }): EngineServices;
  registryImage(owner: string, repo?: string): string;
  stop(): Promise<void>;
}

export async function startEngineWorld(users: readonly string[]): Promise<EngineWorld> {
  const plane = await sharedControlPlane();
  const admin = await kubeHttpFor(plane.kubeconfigPath);
  const github = await startStandInGitHub();
  for (const login of users) {
    github.admin.createUser({ login });
    github.admin.createImage({ repository: `${login}/web`, tags: ['1.0'] });
  }
  const keychainService = `ghcr-desk-test-${randomBytes(6).toString('hex')}`;
  const vault = createKeytarVault({ service: keychainService });
  const profileDir = mkdtempSync(join(tmpdir(), 'ghcr-desk-engine-'));
  const activity = openActivityLog(profileDir);
  const created: EngineServices[] = [];
  const world: EngineWorld = {
    plane,
    admin,
    github,
    keychainService,
    vault,
    profileDir,
    activity,
    settings: {
      ...DEFAULT_SETTINGS,
      kubeconfigPath: plane.kubeconfigPath,
      githubUrl: github.webUrl,
      registryUrl: github.registryUrl,
    },
    services(options = {}) {
      const services = createEngineServices({
        settings: () => world.settings,
        vault,
        records: createMemoryAccountRecords(),
        openBrowser: options.openBrowser ?? (() => Promise.reject(new Error('no browser in this test'))),
        activity,
      });
      created.push(services);
      return services;
    },
    registryImage: (owner, repo = 'web') => `${github.registryHost}/${owner}/${repo}:1.0`,
    async stop() {
      await Promise.all(created.map((services) => services.close()));
      for (const key of await vault.listTokens()) await vault.deleteToken(key);
      admin.close();
      await github.stop();
    },
  };
  return world;
}

/** A token of `login` with the seed's full scope set (or the scopes given). */
export function mint(
  github: StandInGitHub,
  login: string,
  scopes: readonly string[] = DEFAULT_SETTINGS.requiredScopes,
): string {
  return github.admin.mintToken({ login, kind: 'oauth', scopes });
}
