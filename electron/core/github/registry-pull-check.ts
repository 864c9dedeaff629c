import type { PullCheckOutcome, PullCheckResult } from '../../../shared/domain/github.ts';
import { describeError, redactSecrets, rememberSecret } from '../log/secret-redactor.ts';

export interface RegistryCredentials {
  readonly username: string;
  /** The token (a pull secret's `password`). */
  readonly password: string;
}

export interface PullCheckInput {
  /** Registry URL setting, e.g. `https://ghcr.io`. */
  readonly registryUrl: string;
  /** `owner/name`. */
  readonly repository: string;
  /** Absent: the check runs anonymously, and a refusal reads `no-credentials`. */
  readonly credentials?: RegistryCredentials;
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

const REQUEST_TIMEOUT_MS = 20_000;
const REPOSITORY = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)+$/;

class Stop extends Error {
  readonly outcome: PullCheckOutcome;
  constructor(outcome: PullCheckOutcome, message: string) {
    super(message);
    this.outcome = outcome;
  }
}

/**
 * A real pull attempt, as a kubelet would make it: `GET /v2/` for the challenge, the Bearer token exchange at
 * the realm with Basic `username:token` and `scope=repository:<repo>:pull`, then the tags list with that
 * token. Credentials go only to a realm on the registry's own host.
 */
export async function checkPull(input: PullCheckInput): Promise<PullCheckResult> {
  const now = input.now ?? Date.now;
  const repository = input.repository.trim().toLowerCase();
  const result = (outcome: PullCheckOutcome, message: string, tags?: readonly string[]): PullCheckResult => ({
    outcome,
    repository,
    message: redactSecrets(message),
    ...(tags ? { tags } : {}),
    checkedAt: new Date(now()).toISOString(),
  });
  if (input.credentials) rememberSecret(input.credentials.password);
  if (!REPOSITORY.test(repository))
    return result('not-found', `"${input.repository}" is not an image repository name (owner/name)`);

  const registry = new URL(input.registryUrl).origin;
  const refusal: PullCheckOutcome = input.credentials ? 'denied' : 'no-credentials';
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    try {
      return await (input.fetch ?? fetch)(url, {
        headers: { 'user-agent': 'ghcr-desk', ...headers },
        redirect: 'error',
        signal: input.signal ? AbortSignal.any([input.signal, timeout]) : timeout,
      });
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      throw new Stop(
        'unreachable',
        `The registry at ${registry} is unreachable: ${describeError(cause ?? error)}`,
      );
    }
  };

  try {
    let bearer: string | undefined;
    const ping = await get(`${registry}/v2/`);
    await ping.body?.cancel();
    if (ping.status === 401) {
      const challenge = parseBearerChallenge(ping.headers.get('www-authenticate') ?? '');
      if (!challenge)
        throw new Stop('unreachable', `${registry} asks for an authentication scheme other than Bearer`);
      const realm = new URL(challenge.realm, registry);
      if (realm.hostname !== new URL(registry).hostname)
        throw new Stop(
          'unreachable',
          `${registry} sends its token service to another host (${realm.host}); ghcr-desk does not send credentials there`,
        );
      if (challenge.service) realm.searchParams.set('service', challenge.service);
      realm.searchParams.set('scope', `repository:${repository}:pull`);
      const basic = input.credentials
        ? `Basic ${Buffer.from(`${input.credentials.username}:${input.credentials.password}`).toString('base64')}`
        : undefined;
      const tokenResponse = await get(realm.toString(), basic ? { authorization: basic } : {});
      if (tokenResponse.status === 401 || tokenResponse.status === 403)
        throw new Stop(refusal, await registryReason(tokenResponse));
      if (tokenResponse.status !== 200)
        throw new Stop('unreachable', `The registry's token service answered HTTP ${tokenResponse.status}`);
      const body = (await tokenResponse.json().catch(() => ({}))) as {
        token?: unknown;
        access_token?: unknown;
      };
      const token = typeof body.token === 'string' ? body.token : body.access_token;
      if (typeof token !== 'string' || !token)
        throw new Stop('unreachable', "The registry's token service answered without a token");
      rememberSecret(token);
      bearer = token;
    } else if (ping.status !== 200) {
      throw new Stop(
        'unreachable',
        `${registry}/v2/ answered HTTP ${ping.status}; is this a container registry?`,
      );
    }

    const tags = await get(
      `${registry}/v2/${repository}/tags/list`,
      bearer ? { authorization: `Bearer ${bearer}` } : {},
    );
    if (tags.status === 404) throw new Stop('not-found', await registryReason(tags));
    if (tags.status === 401 || tags.status === 403) throw new Stop(refusal, await registryReason(tags));
    if (tags.status !== 200)
      throw new Stop('unreachable', `The registry answered HTTP ${tags.status} for the tags list`);
    const list = (await tags.json().catch(() => ({}))) as { tags?: unknown };
    const names = Array.isArray(list.tags) ? list.tags.filter((t): t is string => typeof t === 'string') : [];
    return result('ok', `Pull OK: ${names.length} tag${names.length === 1 ? '' : 's'}`, names);
  } catch (error) {
    if (error instanceof Stop) {
      const prefix =
        error.outcome === 'no-credentials'
          ? 'No credentials for this registry, and an anonymous pull was refused: '
          : '';
      return result(error.outcome, prefix + error.message);
    }
    return result('unreachable', describeError(error));
  }
}

/** `Bearer realm="…",service="…",scope="…"` → its parameters. */
export function parseBearerChallenge(header: string): { realm: string; service?: string } | undefined {
  const match = /^Bearer\s+(.*)$/i.exec(header.trim());
  if (!match?.[1]) return undefined;
  const params = new Map<string, string>();
  for (const [, name, quoted, bare] of match[1].matchAll(/([a-zA-Z_]+)=(?:"([^"]*)"|([^,\s]*))/g))
    if (name) params.set(name.toLowerCase(), quoted ?? bare ?? '');
  const realm = params.get('realm');
  if (!realm) return undefined;
  const service = params.get('service');
  return service ? { realm, service } : { realm };
}

/** The registry's own words: `CODE: message` of its first error, or the HTTP status. */
async function registryReason(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = body.errors?.[0];
    if (first && (typeof first.code === 'string' || typeof first.message === 'string'))
      return [first.code, first.message].filter((part) => typeof part === 'string' && part).join(': ');
  } catch {
    // not JSON: fall through to the status
  }
  return `HTTP ${response.status}`;
}
