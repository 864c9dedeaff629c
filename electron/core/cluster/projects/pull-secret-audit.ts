import type {
  Project,
  ProjectFlag,
  PullSecretState,
  PullSecretSummary,
} from '../../../../shared/domain/cluster.ts';
import type { TokenHealth } from '../../../../shared/domain/github.ts';
import { tokenFingerprint } from '../../github/token-fingerprint.ts';
import type { DiscoveredProject } from './project-discovery.ts';
import { readPullSecret } from './pull-secret-content.ts';

export interface AuditFacts {
  readonly registryHost: string;
  readonly secretName: string;
  /** Health of the tokens found in pull secrets, by fingerprint (one GitHub request per distinct token). */
  readonly tokenHealth: ReadonlyMap<string, TokenHealth>;
  /** The keychain's token per login (lowercase) on the current GitHub host, as fingerprints. */
  readonly keychainFingerprints: ReadonlyMap<string, string>;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The token inside a project's pull secret (for the health audit); undefined when it has none usable. */
export function secretToken(project: DiscoveredProject, registryHost: string): string | undefined {
  if (!project.secret) return undefined;
  const content = readPullSecret(project.secret, registryHost);
  return content.kind === 'ok' ? content.password : undefined;
}

/**
 * Judges a project's pull secret with the meanings of `shared/domain/cluster.ts`, worst state first:
 * wrong-type, malformed, foreign, stale, unreferenced, ok (missing when there is none). Flags say what a
 * state alone does not: images of two owners, another login's token, an immutable secret.
 */
export function auditProject(project: DiscoveredProject, facts: AuditFacts): Project {
  const owner = project.owners[0] ?? '';
  const flags = new Set<ProjectFlag>();
  if (project.owners.length > 1) flags.add('multiple-owners');
  const unreferenced = project.workloads.filter((w) => !w.referencesPullSecret);
  const secret = project.secret;
  const name = facts.secretName;
  if (secret?.immutable) flags.add('immutable-secret');

  let summary: PullSecretSummary;
  if (!secret) {
    summary = {
      name,
      state: 'missing',
      otherRegistries: [],
      detail: `There is no secret ${name} in ${project.namespace}: its pods pull ${facts.registryHost} images anonymously.`,
    };
  } else {
    const content = readPullSecret(secret, facts.registryHost);
    if (content.kind === 'wrong-type') {
      summary = {
        name,
        state: 'wrong-type',
        otherRegistries: [],
        detail: `The secret ${name}: ${content.reason}.`,
      };
    } else if (content.kind === 'malformed') {
      summary = {
        name,
        state: 'malformed',
        otherRegistries: content.otherRegistries,
        detail: `The secret ${name} is malformed: ${content.reason}.`,
      };
    } else {
      const fingerprint = tokenFingerprint(content.password);
      const health = facts.tokenHealth.get(fingerprint);
      const keychain = facts.keychainFingerprints.get(content.username.toLowerCase());
      let state: PullSecretState = 'ok';
      let detail: string | undefined;
      if (!same(content.username, owner)) {
        state = 'foreign';
        detail = `The secret uses ${content.username}'s account, but the images belong to ${owner}.`;
      } else if (health?.login && !same(health.login, owner)) {
        state = 'foreign';
        detail = `The secret names ${content.username}, but its token belongs to ${health.login}.`;
      } else if (keychain && keychain !== fingerprint) {
        state = 'stale';
        detail = `The token in the secret (${fingerprint}) is not the keychain's token of ${content.username} (${keychain}).`;
      } else if (unreferenced.length > 0) {
        state = 'unreferenced';
        detail = `Not referenced by ${unreferenced.map((w) => `${w.kind}/${w.name}`).join(', ')} (nor by its service account).`;
      }
      if (health?.login && (!same(health.login, owner) || !same(health.login, content.username)))
        flags.add('foreign-token');
      summary = {
        name,
        state,
        username: content.username,
        fingerprint,
        ...(health ? { tokenHealth: health } : {}),
        otherRegistries: content.otherRegistries,
        ...(detail ? { detail } : {}),
      };
    }
  }
  return {
    namespace: project.namespace,
    owner,
    owners: project.owners,
    images: project.images,
    workloads: project.workloads,
    pullSecret: summary,
    flags: [...flags],
    pods: project.pods,
  };
}
