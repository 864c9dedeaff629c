/** A username/password pair for a registry, and where it came from (never logged with the password). */
export interface RegistryCredential {
  readonly username: string;
  readonly password: string;
  /** `namespace/secret` and the auths key that matched, for messages. */
  readonly source: string;
}

/** The parts of a Secret the credential lookup reads. */
export interface PullSecretLike {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly type?: string;
  /** base64 values, as the API returns them. */
  readonly data?: Readonly<Record<string, string>>;
}

export class PullSecretParseError extends Error {
  constructor(secret: string, reason: string) {
    super(`failed to read image pull secret ${secret}: ${reason}`);
    this.name = 'PullSecretParseError';
  }
}

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

interface KeyPattern {
  readonly hostParts: readonly string[];
  readonly port: string;
  readonly path: string;
}

/** An auths key (`ghcr.io`, `https://ghcr.io/v2/`, `*.example.com/team`) as kubelet's keyring reads it. */
function parseKey(key: string): KeyPattern | undefined {
  const withScheme = /^https?:\/\//.test(key) ? key : `https://${key}`;
  let url: URL;
  try {
    url = new URL(withScheme.replace(/\*/g, 'wildcard-star'));
  } catch {
    return undefined;
  }
  let path = url.pathname;
  if (path.startsWith('/v1/') || path.startsWith('/v2/')) path = path.slice(3);
  path = path.replace(/^\/+|\/+$/g, '');
  const host = DOCKER_HUB_ALIASES.has(url.hostname)
    ? 'docker.io'
    : url.hostname.replaceAll('wildcard-star', '*');
  return { hostParts: host.split('.'), port: url.port, path };
}

function globPart(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^.]*')}$`);
  return regex.test(value);
}

/**
 * kubelet's rule (credentialprovider URLsMatch): same number of host labels, each matching (a label may be a
 * `*` glob), same port, and the key's path is a prefix of the repository path.
 */
export function registryKeyMatches(key: string, registry: string, repository: string): boolean {
  const pattern = parseKey(key);
  if (!pattern) return false;
  const [rawHost = '', port = ''] = registry.startsWith('[') ? [registry, ''] : registry.split(':');
  const host = DOCKER_HUB_ALIASES.has(rawHost) ? 'docker.io' : rawHost;
  const hostParts = host.split('.');
  if (hostParts.length !== pattern.hostParts.length) return false;
  if (!pattern.hostParts.every((p, i) => globPart(p, hostParts[i] ?? ''))) return false;
  if (pattern.port !== port) return false;
  return pattern.path === '' || repository === pattern.path || repository.startsWith(`${pattern.path}/`);
}

function decode(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

interface AuthEntry {
  username?: unknown;
  password?: unknown;
  auth?: unknown;
}

function entryCredential(secret: string, key: string, entry: AuthEntry): RegistryCredential {
  let username = typeof entry.username === 'string' ? entry.username : '';
  let password = typeof entry.password === 'string' ? entry.password : '';
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = decode(entry.auth);
    const colon = decoded.indexOf(':');
    if (colon < 0)
      throw new PullSecretParseError(secret, `the auth of ${key} is not base64("user:password")`);
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  return { username, password, source: `${secret} (${key})` };
}

/** The registry entries a secret holds, or undefined when it is not a docker-config secret. */
function authsOf(secret: PullSecretLike, name: string): Record<string, AuthEntry> | undefined {
  const data = secret.data ?? {};
  let parsed: unknown;
  let auths: unknown;
  if (secret.type === 'kubernetes.io/dockerconfigjson' && data['.dockerconfigjson']) {
    try {
      parsed = JSON.parse(decode(data['.dockerconfigjson']));
    } catch {
      throw new PullSecretParseError(name, '.dockerconfigjson is not JSON');
    }
    auths = (parsed as { auths?: unknown } | null)?.auths ?? {};
  } else if (secret.type === 'kubernetes.io/dockercfg' && data['.dockercfg']) {
    try {
      auths = JSON.parse(decode(data['.dockercfg']));
    } catch {
      throw new PullSecretParseError(name, '.dockercfg is not JSON');
    }
  } else {
    // kubelet silently skips secrets of another type or without the key.
    return undefined;
  }
  if (typeof auths !== 'object' || auths === null || Array.isArray(auths)) {
    throw new PullSecretParseError(name, 'auths is not an object');
  }
  return auths as Record<string, AuthEntry>;
}

/**
 * The credentials to try for `registry/repository`, in kubelet's order: secrets in the pod's order, and
 * inside one secret the most specific key first. Throws PullSecretParseError for a secret kubelet cannot
 * read (then the pull fails, as kubelet's does).
 */
export function credentialsFor(
  secrets: readonly PullSecretLike[],
  registry: string,
  repository: string,
): RegistryCredential[] {
  const found: RegistryCredential[] = [];
  for (const secret of secrets) {
    const name = `${secret.metadata?.namespace ?? ''}/${secret.metadata?.name ?? ''}`;
    const auths = authsOf(secret, name);
    if (!auths) continue;
    const keys = Object.keys(auths)
      .filter((key) => registryKeyMatches(key, registry, repository))
      .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)); // reverse order: longer, more specific keys first
    for (const key of keys) {
      const entry = auths[key];
      if (typeof entry !== 'object' || entry === null) {
        throw new PullSecretParseError(name, `the entry for ${key} is not an object`);
      }
      found.push(entryCredential(name, key, entry));
    }
  }
  return found;
}
