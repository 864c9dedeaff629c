import { rememberSecret } from '../../log/secret-redactor.ts';
import type { SecretObject } from '../kube-objects.ts';

export const DOCKER_CONFIG_JSON_TYPE = 'kubernetes.io/dockerconfigjson';
export const DOCKER_CONFIG_JSON_KEY = '.dockerconfigjson';

/** What a pull secret holds for our registry; the password never leaves the main process. */
export type PullSecretContent =
  | { readonly kind: 'wrong-type'; readonly type: string; readonly reason: string }
  | {
      readonly kind: 'malformed';
      readonly reason: string;
      /** Registries other than ours, when the JSON got far enough to name them. */
      readonly otherRegistries: readonly string[];
    }
  | {
      readonly kind: 'ok';
      /** The `auths` key that holds our registry's entry. */
      readonly key: string;
      readonly username: string;
      readonly password: string;
      readonly otherRegistries: readonly string[];
    };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The registry host an `auths` key names (`ghcr.io`, `https://ghcr.io/v2/`, `ghcr.io/alice`), lowercase;
 * kubelet matches keys by host and port, a path only narrows them to a repository prefix.
 */
export function authsKeyHost(key: string): string {
  const [host = ''] = key
    .trim()
    .replace(/^https?:\/\//i, '')
    .split('/');
  return host.toLowerCase();
}

function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1) return undefined;
  const text = Buffer.from(compact, 'base64').toString('utf8');
  // A replacement character means the bytes were not UTF-8 text: garbage, not a login:token pair.
  return text.includes('\uFFFD') ? undefined : text;
}

interface Entry {
  readonly username?: unknown;
  readonly password?: unknown;
  readonly auth?: unknown;
}

/** Credentials of one entry, as kubelet reads it (`auth` wins over username/password), or why not. */
function readEntry(key: string, entry: Entry): { username: string; password: string } | string {
  const username = typeof entry.username === 'string' ? entry.username : undefined;
  const password = typeof entry.password === 'string' ? entry.password : undefined;
  if (password) rememberSecret(password);
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = decodeBase64(entry.auth);
    if (decoded === undefined) return `the "auth" of ${key} is not base64`;
    const colon = decoded.indexOf(':');
    if (colon < 0) return `the "auth" of ${key} is not base64 of "login:token"`;
    const fromAuth = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    if (fromAuth.password) rememberSecret(fromAuth.password);
    if (
      (username !== undefined && username !== fromAuth.username) ||
      (password !== undefined && password !== fromAuth.password)
    )
      return `the "auth" of ${key} disagrees with its username/password (kubelet uses "auth")`;
    if (!fromAuth.username) return `the entry for ${key} has an empty username`;
    if (!fromAuth.password) return `the entry for ${key} has an empty password (token)`;
    return fromAuth;
  }
  if (username === undefined && password === undefined)
    return `the entry for ${key} has neither "auth" nor username/password`;
  if (!username) return `the entry for ${key} has an empty username`;
  if (!password) return `the entry for ${key} has an empty password (token)`;
  return { username, password };
}

/**
 * Reads a pull secret defensively: any shape a hand-edit or another tool may leave (not JSON, no `auths`,
 * no entry for the registry, an `auth` that is not base64 of `login:token`, an empty token…) becomes a
 * reason, never an exception. The API itself only checks that `.dockerconfigjson` parses as JSON.
 */
export function readPullSecret(secret: SecretObject, registryHost: string): PullSecretContent {
  const type = secret.type ?? 'Opaque';
  if (type !== DOCKER_CONFIG_JSON_TYPE)
    return {
      kind: 'wrong-type',
      type,
      reason: `its type is ${type}, not ${DOCKER_CONFIG_JSON_TYPE} (a type cannot be changed: the secret must be recreated)`,
    };
  const malformed = (reason: string, otherRegistries: readonly string[] = []): PullSecretContent => ({
    kind: 'malformed',
    reason,
    otherRegistries,
  });
  const raw = secret.data?.[DOCKER_CONFIG_JSON_KEY];
  if (raw === undefined) return malformed(`it has no ${DOCKER_CONFIG_JSON_KEY} key`);
  const text = decodeBase64(raw);
  if (text === undefined) return malformed(`${DOCKER_CONFIG_JSON_KEY} is not base64 text`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return malformed(`${DOCKER_CONFIG_JSON_KEY} is not JSON`);
  }
  const auths = (parsed as { auths?: unknown } | null)?.auths;
  if (typeof auths !== 'object' || auths === null || Array.isArray(auths))
    return malformed(`${DOCKER_CONFIG_JSON_KEY} has no "auths" object`);
  const host = registryHost.toLowerCase();
  const keys = Object.keys(auths);
  const ours = keys.filter((key) => authsKeyHost(key) === host);
  const otherRegistries = keys.filter((key) => authsKeyHost(key) !== host);
  // The bare host key is the one kubelet tries for every repository; a path-scoped key covers only some.
  const key = ours.find((candidate) => candidate.trim().toLowerCase() === host) ?? ours[0];
  if (key === undefined)
    return malformed(
      `it holds no entry for ${registryHost}${otherRegistries.length ? ` (only for ${otherRegistries.join(', ')})` : ''}`,
      otherRegistries,
    );
  const entry = (auths as Record<string, unknown>)[key];
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    return malformed(`the entry for ${key} is not an object`, otherRegistries);
  const credentials = readEntry(key, entry as Entry);
  if (typeof credentials === 'string') return malformed(credentials, otherRegistries);
  return { kind: 'ok', key, ...credentials, otherRegistries };
}
