import { rememberSecret } from '../log/secret-redactor.ts';

/**
 * Reading and writing the registry credentials of a pull secret (`.dockerconfigjson`, and the legacy
 * `.dockercfg`), as kubelet reads them. Generic: the re-sync writes with it, an audit can read with it.
 * Every password found is handed to the redactor, so an old token never reaches a log line either.
 */

export type JsonObject = { [key: string]: unknown };

export const DOCKER_CONFIG_JSON_TYPE = 'kubernetes.io/dockerconfigjson';
export const DOCKER_CONFIG_JSON_KEY = '.dockerconfigjson';
const DOCKERCFG_TYPE = 'kubernetes.io/dockercfg';
export const DOCKERCFG_KEY = '.dockercfg';

/** The parts of a Secret this module reads (values base64, as the API returns them). */
export interface SecretData {
  readonly type?: string;
  readonly data?: Readonly<Record<string, string>>;
}

/**
 * A `.dockerconfigjson` as far as it could be read. `config` is what a rewrite starts from (unknown top-level
 * keys and other registries' entries kept); `problem` says what was wrong and is dropped by a rewrite.
 * `readable: false`: nothing could be kept.
 */
export type DockerConfigReading =
  | { readonly readable: true; readonly config: JsonObject; readonly problem?: string }
  | { readonly readable: false; readonly problem: string; readonly absent?: true };

/** The credentials an entry holds for a registry (`username` from `auth` when the field is absent). */
export interface RegistryCredentials {
  /** The `auths` key it was found under (`ghcr.io`, `https://ghcr.io/v2/`, …). */
  readonly key: string;
  readonly username?: string;
  readonly password?: string;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Parses a `.dockerconfigjson` document (the decoded text). */
export function parseDockerConfigJson(text: string | undefined): DockerConfigReading {
  if (text === undefined)
    return { readable: false, absent: true, problem: `it has no ${DOCKER_CONFIG_JSON_KEY} key` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { readable: false, problem: `its ${DOCKER_CONFIG_JSON_KEY} is not JSON` };
  }
  if (!isObject(parsed))
    return { readable: false, problem: `its ${DOCKER_CONFIG_JSON_KEY} is ${kindOf(parsed)}, not an object` };
  rememberPasswords(parsed['auths']);
  if (!('auths' in parsed)) return { readable: true, config: parsed, problem: 'it has no "auths" object' };
  if (!isObject(parsed['auths']))
    return {
      readable: true,
      config: parsed,
      problem: `its "auths" is ${kindOf(parsed['auths'])}, not an object`,
    };
  return { readable: true, config: parsed };
}

function decodeBase64(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

/**
 * The registry credentials of a Secret of any type: `.dockerconfigjson` (the right type, or an Opaque secret
 * that carries the key), or the legacy `.dockercfg` map (kubernetes.io/dockercfg), read as its `auths`.
 */
export function readPullSecretConfig(secret: SecretData): DockerConfigReading {
  const data = secret.data ?? {};
  const legacy = data[DOCKERCFG_KEY];
  if (secret.type === DOCKERCFG_TYPE && legacy !== undefined) {
    let auths: unknown;
    try {
      auths = JSON.parse(decodeBase64(legacy));
    } catch {
      return { readable: false, problem: `its ${DOCKERCFG_KEY} is not JSON` };
    }
    return parseDockerConfigJson(JSON.stringify({ auths }));
  }
  const encoded = data[DOCKER_CONFIG_JSON_KEY];
  return parseDockerConfigJson(encoded === undefined ? undefined : decodeBase64(encoded));
}

function rememberPasswords(auths: unknown): void {
  if (!isObject(auths)) return;
  for (const entry of Object.values(auths)) {
    if (!isObject(entry)) continue;
    if (typeof entry['password'] === 'string') rememberSecret(entry['password']);
    if (typeof entry['auth'] === 'string') {
      rememberSecret(entry['auth']);
      const decoded = decodeBase64(entry['auth']);
      const colon = decoded.indexOf(':');
      if (colon >= 0) rememberSecret(decoded.slice(colon + 1));
    }
  }
}

/**
 * Whether an `auths` key names exactly this registry host: `ghcr.io`, `https://ghcr.io`, `ghcr.io/v2/`…
 * Keys with a repository path (`ghcr.io/team`) are scoped credentials of their own and do not count.
 */
export function isRegistryKey(key: string, registryHost: string): boolean {
  const withoutScheme = key.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = withoutScheme.indexOf('/');
  const host = slash < 0 ? withoutScheme : withoutScheme.slice(0, slash);
  const path = slash < 0 ? '' : withoutScheme.slice(slash);
  return host.toLowerCase() === registryHost.toLowerCase() && /^(\/(v1|v2))?\/*$/.test(path);
}

function authsOf(config: JsonObject): JsonObject {
  return isObject(config['auths']) ? config['auths'] : {};
}

/** The credentials stored for the registry host, if an entry for it exists. */
export function registryCredentials(
  config: JsonObject,
  registryHost: string,
): RegistryCredentials | undefined {
  const auths = authsOf(config);
  const key =
    registryHost in auths ? registryHost : Object.keys(auths).find((k) => isRegistryKey(k, registryHost));
  if (key === undefined) return undefined;
  const entry = auths[key];
  if (!isObject(entry)) return { key };
  let username = typeof entry['username'] === 'string' ? entry['username'] : undefined;
  let password = typeof entry['password'] === 'string' ? entry['password'] : undefined;
  if (typeof entry['auth'] === 'string' && (username === undefined || password === undefined)) {
    const decoded = decodeBase64(entry['auth']);
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      username ??= decoded.slice(0, colon);
      password ??= decoded.slice(colon + 1);
    }
  }
  return { key, ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

/** The `auths` keys of other registries (kept by a rewrite). */
export function otherRegistries(config: JsonObject, registryHost: string): string[] {
  return Object.keys(authsOf(config)).filter((key) => !isRegistryKey(key, registryHost));
}

/**
 * The config with the registry's entry set to `{username, password, auth}`: every other registry's entry and
 * every other top-level key stay as they are; entries of the same host under other spellings
 * (`https://ghcr.io/v2/`) are dropped, so kubelet meets one set of credentials for the host. The entry is
 * replaced whole: leftovers such as an `identitytoken` would compete with the new token.
 */
export function withRegistryEntry(
  config: JsonObject,
  registryHost: string,
  username: string,
  password: string,
): JsonObject {
  if (!username || !password) throw new Error('refusing to write an empty username or token');
  const auths: JsonObject = {};
  for (const [key, entry] of Object.entries(authsOf(config)))
    if (!isRegistryKey(key, registryHost)) auths[key] = entry;
  auths[registryHost] = {
    username,
    password,
    auth: Buffer.from(`${username}:${password}`).toString('base64'),
  };
  return { ...config, auths };
}

/** JSON equality regardless of key order: "would the rewrite change anything?" */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameJson(item, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key in b && sameJson(a[key], b[key]));
}

/** The base64 value of a `.dockerconfigjson` data key. */
export function encodeDockerConfig(config: JsonObject): string {
  return Buffer.from(JSON.stringify(config)).toString('base64');
}
