import type { Settings } from '../../../../shared/domain/app.ts';
import type { ProjectList } from '../../../../shared/domain/cluster.ts';
import type { TokenHealth } from '../../../../shared/domain/github.ts';
import { registryEndpoint } from '../../github/endpoints.ts';
import type { KubeClient } from '../kube-client.ts';
import { readClusterSnapshot } from './cluster-snapshot.ts';
import { discoverProjects, type DiscoveredProject } from './project-discovery.ts';
import { auditProject, secretToken } from './pull-secret-audit.ts';

export interface ProjectAuditInput {
  readonly client: KubeClient;
  readonly settings: Settings;
  /** The GitHub scope audit of the tokens found in secrets, by fingerprint (AccountService.auditTokens). */
  readonly auditTokens: (tokens: readonly string[]) => Promise<ReadonlyMap<string, TokenHealth>>;
  /** The keychain's token fingerprint per login (lowercase), to tell stale secrets. */
  readonly keychainFingerprints: () => Promise<ReadonlyMap<string, string>>;
  /** Audit only this namespace (after a change to it); the list then holds it alone, or nothing. */
  readonly namespace?: string;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

export interface ProjectAudit {
  readonly list: ProjectList;
  /** The projects as found, before judgement (the re-sync plans from these). */
  readonly discovered: readonly DiscoveredProject[];
}

/**
 * Every project of the context with its pull secret and token judged: seven cluster-wide LISTs, then one
 * GitHub request per distinct token found in the secrets (the scope auditor deduplicates and caches).
 */
export async function auditProjects(input: ProjectAuditInput): Promise<ProjectAudit> {
  const { client, settings } = input;
  const registryHost = registryEndpoint(settings.registryUrl).host;
  const snapshot = await readClusterSnapshot(client, {
    labelSelector: settings.namespaceLabelSelector,
    secretName: settings.pullSecretName,
    ...(input.namespace ? { namespace: input.namespace } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const discovered = discoverProjects(snapshot, {
    registryHost,
    namespaceNamePattern: settings.namespaceNamePattern,
    secretName: settings.pullSecretName,
  });
  const tokens = new Set<string>();
  for (const project of discovered) {
    const token = secretToken(project, registryHost);
    if (token) tokens.add(token);
  }
  const [tokenHealth, keychainFingerprints] = await Promise.all([
    tokens.size > 0 ? input.auditTokens([...tokens]) : Promise.resolve(new Map<string, TokenHealth>()),
    input.keychainFingerprints(),
  ]);
  const facts = { registryHost, secretName: settings.pullSecretName, tokenHealth, keychainFingerprints };
  return {
    list: {
      context: client.context,
      projects: discovered.map((project) => auditProject(project, facts)),
      listedAt: new Date(input.now?.() ?? Date.now()).toISOString(),
    },
    discovered,
  };
}

/**
 * The projects as found — namespaces, owners, workloads — without pods, pull secrets or tokens: five
 * cluster-wide LISTs. What a re-sync plans over (it reads the secrets itself).
 */
export async function findProjects(
  client: KubeClient,
  settings: Settings,
  signal?: AbortSignal,
): Promise<DiscoveredProject[]> {
  const snapshot = await readClusterSnapshot(client, {
    labelSelector: settings.namespaceLabelSelector,
    secretName: settings.pullSecretName,
    projectsOnly: true,
    ...(signal ? { signal } : {}),
  });
  return discoverProjects(snapshot, {
    registryHost: registryEndpoint(settings.registryUrl).host,
    namespaceNamePattern: settings.namespaceNamePattern,
    secretName: settings.pullSecretName,
  });
}
