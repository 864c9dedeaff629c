// The demo sandbox: a private Kubernetes control plane with simulated nodes, the stand-in GitHub and
// registry, ~30 seeded tenants and a throwaway ghcr-desk profile pointing at them. `npm run demo` opens
// the panel on it; e2e specs and benchmarks start it the same way.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type ControlPlane } from '../cluster/control-plane.ts';
import { startNodeSimulator, type NodeSimulator } from '../cluster/node-simulator.ts';
import { startStandInGitHub, type StandInGitHub } from '../github/stand-in-github.ts';
import type { StandInAdmin } from '../github/stand-in-model.ts';
import { createKeytarVault } from '../../electron/core/vault/keytar-vault.ts';
import { clearKeychainService } from './keychain-items.ts';
import { writeSandboxProfile } from './sandbox-profile.ts';
import { seedCluster, seedStandIn, tenantImage } from './seed-tenants.ts';
import {
  DEMO_LOGINS,
  DEMO_ORGS,
  DEMO_TENANTS,
  loadTenants,
  PUBLIC_REPOSITORIES,
  type LoginPlan,
  type OrgPlan,
  type TenantPlan,
} from './tenant-catalog.ts';
import { waitForTenantPods } from './tenant-pods.ts';
import { createTokenBook } from './token-book.ts';

export interface SandboxOptions {
  /** Progress lines while starting (a cold start builds Kubernetes from source: ~10 minutes). */
  readonly log?: (line: string) => void;
  /** Another world than the demo's (e.g. an e2e story's): its logins, organizations and tenants. */
  readonly catalog?: SandboxCatalog;
  /** More tenants beyond the catalogue's, for size (`loadTenants`). Default 0. */
  readonly extraTenants?: number;
  /** Gives up the start (everything started so far is stopped): a Ctrl+C during the start. */
  readonly signal?: AbortSignal;
}

export interface SandboxCatalog {
  readonly logins: readonly LoginPlan[];
  readonly orgs?: readonly OrgPlan[];
  readonly tenants: readonly TenantPlan[];
  /** Images published as public packages. */
  readonly publicRepositories?: ReadonlySet<string>;
}

const DEMO_CATALOG: SandboxCatalog = {
  logins: DEMO_LOGINS,
  orgs: DEMO_ORGS,
  tenants: DEMO_TENANTS,
  publicRepositories: PUBLIC_REPOSITORIES,
};

/** A seeded tenant: the catalogue's plan and the image its `web` Deployment pulls. */
export interface SandboxTenant extends TenantPlan {
  readonly image: string;
}

/** The environment that points ghcr-desk (desktop app, serve mode, CLI) at the sandbox's profile. */
export interface SandboxEnv {
  readonly GHCR_DESK_PROFILE: string;
  readonly GHCR_DESK_KEYCHAIN_SERVICE: string;
}

export interface Sandbox {
  /** The stand-in's web URL: the profile's *GitHub Enterprise Server URL* (API under `/api/v3`). */
  readonly githubUrl: string;
  /** The stand-in registry (plain http on 127.0.0.1): the profile's registry URL. */
  readonly registryUrl: string;
  /** `127.0.0.1:<port>`: where `ghcr.io` stands in image references and `.dockerconfigjson` keys. */
  readonly registryHost: string;
  /** Admin (system:masters) kubeconfig of the sandbox's control plane; the profile uses it. */
  readonly kubeconfigPath: string;
  readonly kubectl: string;
  /** The throwaway profile: settings.json, accounts.json, the activity log. */
  readonly profileDir: string;
  /** Keychain service holding the OAuth client secret and the connected accounts' tokens. */
  readonly keychainService: string;
  readonly env: SandboxEnv;
  /** The stand-in's OAuth App (callback `http://127.0.0.1/callback`); its secret is in the keychain only. */
  readonly oauthApp: { readonly name: string; readonly clientId: string };
  readonly logins: readonly LoginPlan[];
  readonly tenants: readonly SandboxTenant[];
  /**
   * The stand-in's controls. Its consent page is on (`mode: 'page'`): a browser picks the tenant's
   * account and clicks Authorize; tests may `setConsent({ mode: 'approve' })` instead.
   */
  readonly standIn: StandInAdmin;
  /** Stops every process, deletes every keychain item under `keychainService`, removes the profile. */
  stop(): Promise<void>;
}

/**
 * Starts the sandbox and resolves once every tenant's pods look as the catalogue expects (running, or
 * stuck in ImagePullBackOff). On failure everything started so far is stopped again.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const since = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const keychainService = `ghcr-desk-sandbox-${randomBytes(6).toString('hex')}`;
  const profileDir = await mkdtemp(join(tmpdir(), 'ghcr-desk-sandbox-'));
  let plane: ControlPlane | undefined;
  let simulator: NodeSimulator | undefined;
  let github: StandInGitHub | undefined;

  let stopped: Promise<void> | undefined;
  const stopAll = async () => {
    const failures: unknown[] = [];
    const attempt = async (step: () => Promise<unknown> | undefined) => {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    };
    // The nodes go with the control plane: no DELETE against an apiserver that may be gone already (a
    // signal handler of the harness kills the control plane at once on SIGINT/SIGTERM).
    await attempt(() => simulator?.stop({ keepNodes: true }));
    await attempt(() => plane?.stop());
    await attempt(() => github?.stop());
    await attempt(() => clearKeychainService(keychainService));
    await attempt(() => rm(profileDir, { recursive: true, force: true }));
    if (failures.length > 0)
      throw new AggregateError(
        failures,
        `the sandbox did not stop cleanly: ${failures.map((f) => (f instanceof Error ? f.message : String(f))).join('; ')}`,
      );
  };
  const stop = () => (stopped ??= stopAll());

  try {
    // Minutes before the control plane would be up: say at once when there is no keychain to write to.
    await createKeytarVault({ service: keychainService }).listTokens();
    log('control plane: starting etcd, kube-apiserver, kube-controller-manager (a first run builds them)…');
    plane = await startControlPlane({ log: (line) => log(`control plane: ${line}`) });
    options.signal?.throwIfAborted();
    github = await startStandInGitHub();
    const { admin } = github;
    log(`stand-in GitHub at ${github.webUrl}, registry at ${github.registryUrl}`);
    simulator = await startNodeSimulator({
      kubeconfigPath: plane.kubeconfigPath,
      nodes: ['node-1', 'node-2'],
      // Quicker than kubelet's 10 s → 5 min, so a fixed secret shows within seconds even without a restart.
      backOff: { initialMs: 2000, maxMs: 20_000 },
    });

    const catalog = options.catalog ?? DEMO_CATALOG;
    const plans = [...catalog.tenants, ...loadTenants(options.extraTenants ?? 0)];
    seedStandIn(admin, {
      logins: catalog.logins,
      orgs: catalog.orgs ?? [],
      tenants: plans,
      publicRepositories: catalog.publicRepositories ?? new Set(),
    });
    const app = admin.registerApp({ name: 'ghcr-desk demo', callbackUrl: 'http://127.0.0.1/callback' });
    const tokens = createTokenBook(admin, app.clientId);
    options.signal?.throwIfAborted();
    await writeSandboxProfile({
      profileDir,
      keychainService,
      settings: {
        kubeconfigPath: plane.kubeconfigPath,
        githubUrl: github.webUrl,
        registryUrl: github.registryUrl,
        oauthClientId: app.clientId,
        namespaceNamePattern: '^project-',
      },
      oauthClientSecret: app.clientSecret,
      accountTokens: catalog.logins.flatMap(({ login, keychain }) =>
        keychain ? [tokens.tokenOf({ login, variant: keychain })] : [],
      ),
      // Revoked before any pod exists: a pod that pulled with a still-live token would simply run.
      beforeCheck: () => tokens.startRevoking(),
    });
    log(`profile ${profileDir} (keychain service ${keychainService})`);
    options.signal?.throwIfAborted();
    log(`seeding ${plans.length} tenants…`);
    await seedCluster(plane.admin, github.registryHost, plans, tokens);
    await waitForTenantPods(plane.admin, plans, { log, signal: options.signal });
    log(`ready after ${since()}`);

    const registryHost = github.registryHost;
    return {
      githubUrl: github.webUrl,
      registryUrl: github.registryUrl,
      registryHost,
      kubeconfigPath: plane.kubeconfigPath,
      kubectl: plane.kubectl,
      profileDir,
      keychainService,
      env: { GHCR_DESK_PROFILE: profileDir, GHCR_DESK_KEYCHAIN_SERVICE: keychainService },
      oauthApp: { name: app.name, clientId: app.clientId },
      logins: catalog.logins,
      tenants: plans.map((plan) => ({ ...plan, image: tenantImage(registryHost, plan) })),
      standIn: admin,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
