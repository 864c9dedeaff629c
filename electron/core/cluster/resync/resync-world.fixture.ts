// Test support: the product's AccountService against the stand-in GitHub, plus helpers that
// put tenants' namespaces, pull secrets and Deployments into a real control plane. Not product code.
import { startStandInGitHub, type StandInGitHub } from '../../../../e2e/github/stand-in-github.ts';
import { loadKubeConfig } from '../../../../e2e/cluster/shared-control-plane.ts';
import { waitFor } from '../../../../e2e/cluster/wait-for.ts';
import { DEFAULT_REQUIRED_SCOPES } from '../../../../shared/domain/github.ts';
import { createMemoryAccountRecords } from '../../github/account-records.ts';
import {
  createAccountService,
  type AccountService,
  type GitHubSettings,
} from '../../github/account-service.ts';
import { createConcurrencyLimit } from '../../util/concurrency-limit.ts';
import { createMemoryVault } from '../../vault/memory-vault.ts';
import type { TokenVault } from '../../vault/token-vault.ts';
import { createKubeClient, type KubeClient, type KubeRequest } from '../kube-client.ts';
import { KubeApiError } from '../kube-errors.ts';
import type { KubeSecret } from './kube-secret.ts';
import type { ResyncSettings } from './resync-service.ts';

export const SECRET_NAME = 'ghcr-secret';
export const OTHER_REGISTRY = 'registry.example.com';

export interface ResyncWorld {
  readonly github: StandInGitHub;
  readonly vault: TokenVault;
  readonly accounts: AccountService;
  readonly settings: ResyncSettings;
  /** The GitHub host of the stand-in (keychain accounts are filed under it). */
  readonly githubHost: string;
  /** Mints a token and stores it as the keychain account of `login` (checked by the product, as a paste). */
  connect(login: string, scopes?: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

/** The stand-in GitHub and the product's AccountService on a memory vault, with `users` created. */
export async function startResyncWorld(users: readonly string[]): Promise<ResyncWorld> {
  const github = await startStandInGitHub();
  for (const login of users) github.admin.createUser({ login });
  const vault = createMemoryVault();
  const gitHubSettings: GitHubSettings = {
    githubUrl: github.webUrl,
    registryUrl: github.registryUrl,
    requiredScopes: [...DEFAULT_REQUIRED_SCOPES],
  };
  const accounts = createAccountService({
    settings: () => gitHubSettings,
    vault,
    records: createMemoryAccountRecords(),
    openBrowser: () => Promise.reject(new Error('no browser in this test')),
  });
  return {
    github,
    vault,
    accounts,
    settings: {
      pullSecretName: SECRET_NAME,
      registryUrl: github.registryUrl,
      githubUrl: github.webUrl,
      resyncConcurrency: 8,
    },
    githubHost: new URL(github.webUrl).host,
    async connect(login, scopes = DEFAULT_REQUIRED_SCOPES) {
      const token = github.admin.mintToken({ login, kind: 'oauth', scopes });
      const added = await accounts.addToken({ token, confirmMissingScopes: true });
      if (added.status !== 'stored') throw new Error(`could not store ${login}'s token: ${added.message}`);
      return token;
    },
    stop: () => github.stop(),
  };
}

export function kubeClientFor(kubeconfigPath: string): KubeClient {
  const config = loadKubeConfig(kubeconfigPath);
  return createKubeClient(config, config.getCurrentContext());
}

/** A client that runs `before` ahead of every request (interference, faults, counting). */
export function intercepted(
  client: KubeClient,
  before: (request: KubeRequest) => Promise<void> | void,
): KubeClient {
  return {
    ...client,
    async request<T>(request: KubeRequest): Promise<T> {
      await before(request);
      return client.request<T>(request);
    },
  };
}

export interface DockerEntry {
  readonly username: string;
  readonly password: string;
}

/** A `.dockerconfigjson` document with these registry entries (and extra top-level keys). */
export function dockerConfigJson(entries: Readonly<Record<string, DockerEntry>>, extra: object = {}): string {
  const auths = Object.fromEntries(
    Object.entries(entries).map(([host, { username, password }]) => [
      host,
      { username, password, auth: Buffer.from(`${username}:${password}`).toString('base64') },
    ]),
  );
  return JSON.stringify({ auths, ...extra });
}

export async function createNamespaces(
  client: KubeClient,
  names: readonly string[],
  labels: Readonly<Record<string, string>> = {},
): Promise<void> {
  const limit = createConcurrencyLimit(16);
  await Promise.all(
    names.map((name) =>
      limit(() =>
        client.request({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name, labels } } }),
      ),
    ),
  );
}

export interface SecretSpec {
  readonly type?: string;
  /** Plain-text values (stored base64). */
  readonly data: Readonly<Record<string, string>>;
  readonly immutable?: boolean;
}

export function writeSecret(client: KubeClient, namespace: string, spec: SecretSpec): Promise<KubeSecret> {
  return client.request<KubeSecret>({
    method: 'POST',
    path: `/api/v1/namespaces/${namespace}/secrets`,
    body: {
      metadata: { name: SECRET_NAME },
      type: spec.type ?? 'kubernetes.io/dockerconfigjson',
      data: Object.fromEntries(
        Object.entries(spec.data).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
      ),
      ...(spec.immutable ? { immutable: true } : {}),
    },
  });
}

export async function readSecretIn(client: KubeClient, namespace: string): Promise<KubeSecret | undefined> {
  try {
    return await client.request<KubeSecret>({
      path: `/api/v1/namespaces/${namespace}/secrets/${SECRET_NAME}`,
    });
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 404) return undefined;
    throw error;
  }
}

export interface ParsedDockerConfig {
  readonly auths: Record<string, { username?: string; password?: string; auth?: string }>;
  readonly [key: string]: unknown;
}

/** The secret's `.dockerconfigjson`, parsed (throws when absent or not JSON). */
export async function dockerConfigIn(client: KubeClient, namespace: string): Promise<ParsedDockerConfig> {
  const secret = await readSecretIn(client, namespace);
  const encoded = secret?.data?.['.dockerconfigjson'];
  if (!encoded) throw new Error(`no .dockerconfigjson in ${namespace}`);
  return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as ParsedDockerConfig;
}

/** A Deployment pulling `image`, listing the pull secret or not. */
export async function createDeployment(
  client: KubeClient,
  namespace: string,
  name: string,
  image: string,
  referencesSecret: boolean,
): Promise<void> {
  await waitFor(`the default ServiceAccount of ${namespace}`, () =>
    client.request({ path: `/api/v1/namespaces/${namespace}/serviceaccounts/default` }).then(() => true),
  );
  await client.request({
    method: 'POST',
    path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
    body: {
      metadata: { name },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            ...(referencesSecret ? { imagePullSecrets: [{ name: SECRET_NAME }] } : {}),
            containers: [{ name, image }],
          },
        },
      },
    },
  });
}
