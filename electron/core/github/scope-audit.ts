import { createHash } from 'node:crypto';
import { missingScopes } from '../../../shared/domain/github-scopes.ts';
import type { TokenHealth, TokenKind } from '../../../shared/domain/github.ts';
import { createLogger } from '../log/logger.ts';
import { rememberSecret } from '../log/secret-redactor.ts';
import { createConcurrencyLimit } from '../util/concurrency-limit.ts';
import { probeUser } from './github-user.ts';
import { tokenFingerprint } from './token-fingerprint.ts';
import { tokenKind } from './token-kind.ts';

export interface ScopeAuditorOptions {
  /** REST API base of the GitHub host the tokens belong to. */
  readonly apiUrl: string;
  /** Requests in flight at once (GitHub's secondary limit allows 100; we stay far below). */
  readonly concurrency?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

export interface ScopeAuditor {
  /**
   * The health of each distinct token, keyed by fingerprint: one `GET /user` per distinct token, however
   * often it appears (200 pull secrets of 20 logins cost 20 requests), conditional when an ETag is known.
   */
  audit(tokens: Iterable<string>, requiredScopes: readonly string[]): Promise<Map<string, TokenHealth>>;
  check(token: string, requiredScopes: readonly string[]): Promise<TokenHealth>;
  /** `GET /user` requests sent so far, 304s included (the figure benchmarks report). */
  readonly requestsSent: number;
}

type Observation =
  | { readonly kind: 'ok'; readonly login: string; readonly scopes: readonly string[] | undefined }
  | { readonly kind: 'revoked' }
  | { readonly kind: 'rate-limited'; readonly retryAt: number }
  | { readonly kind: 'failed'; readonly message: string };

interface CachedAnswer {
  readonly etag: string;
  readonly login: string;
  readonly scopes: readonly string[] | undefined;
}

const MAX_CACHED_TOKENS = 10_000;
const log = createLogger('github.audit');

/**
 * Token health through `GET /user`, kind to GitHub's limits: identical tokens share one request (also across
 * overlapping audits), answers are cached per token by ETag so re-checks are conditional (a 304 is free),
 * at most `concurrency` requests run at once, and once GitHub says the limit is reached (403/429 with
 * `retry-after`, or `x-ratelimit-remaining: 0`) no request leaves until the time it named: the tokens still
 * waiting are reported `rate-limited` with that time. The block is per auditor (per GitHub host) because a
 * token's owner, whose budget it is, is unknown until GitHub has answered for it.
 */
export function createScopeAuditor(options: ScopeAuditorOptions): ScopeAuditor {
  const now = options.now ?? Date.now;
  const limit = createConcurrencyLimit(options.concurrency ?? 4);
  const cache = new Map<string, CachedAnswer>();
  const inFlight = new Map<string, Promise<Observation>>();
  let blockedUntil = 0;
  let requestsSent = 0;

  function observe(token: string): Promise<Observation> {
    rememberSecret(token);
    const key = createHash('sha256').update(token).digest('hex');
    const pending = inFlight.get(key);
    if (pending) return pending;
    const observation = limit(() => request(token, key)).finally(() => inFlight.delete(key));
    inFlight.set(key, observation);
    return observation;
  }

  async function request(token: string, key: string): Promise<Observation> {
    if (now() < blockedUntil) return { kind: 'rate-limited', retryAt: blockedUntil };
    const cached = cache.get(key);
    requestsSent += 1;
    const probe = await probeUser({
      apiUrl: options.apiUrl,
      token,
      now,
      ...(cached ? { etag: cached.etag } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    if (
      (probe.kind === 'ok' || probe.kind === 'not-modified') &&
      probe.rate.remaining === 0 &&
      probe.rate.resetAt
    )
      blockedUntil = Math.max(blockedUntil, probe.rate.resetAt); // the next request would be refused: stop now
    switch (probe.kind) {
      case 'ok':
        if (probe.etag) remember(key, { etag: probe.etag, login: probe.login, scopes: probe.scopes });
        return { kind: 'ok', login: probe.login, scopes: probe.scopes };
      case 'not-modified':
        return cached
          ? { kind: 'ok', login: cached.login, scopes: cached.scopes }
          : { kind: 'failed', message: 'GitHub answered 304 to a request that had no ETag' };
      case 'unauthorized':
        cache.delete(key);
        return { kind: 'revoked' };
      case 'rate-limited':
        blockedUntil = Math.max(blockedUntil, probe.retryAt);
        log.warn('GitHub rate limit reached; checks paused', { until: new Date(blockedUntil).toISOString() });
        return { kind: 'rate-limited', retryAt: blockedUntil };
      case 'failed':
        return probe;
    }
  }

  function remember(key: string, answer: CachedAnswer): void {
    cache.delete(key);
    cache.set(key, answer);
    if (cache.size > MAX_CACHED_TOKENS) cache.delete(cache.keys().next().value as string);
  }

  async function check(token: string, requiredScopes: readonly string[]): Promise<TokenHealth> {
    return healthOf(token, await observe(token), requiredScopes, new Date(now()).toISOString());
  }

  return {
    async audit(tokens, requiredScopes) {
      const distinct = [...new Set(tokens)];
      const sentBefore = requestsSent;
      const entries = await Promise.all(
        distinct.map(async (token) => [tokenFingerprint(token), await check(token, requiredScopes)] as const),
      );
      log.info('scope audit done', { distinctTokens: distinct.length, requests: requestsSent - sentBefore });
      return new Map(entries);
    },
    check,
    get requestsSent() {
      return requestsSent;
    },
  };
}

const KIND_NAMES: Partial<Record<TokenKind, string>> = {
  'fine-grained': 'a fine-grained personal access token',
  app: 'a GitHub App token',
};

/** Turns what GitHub said into the product's token health, with a sentence naming the fix. */
function healthOf(
  token: string,
  observation: Observation,
  requiredScopes: readonly string[],
  checkedAt: string,
): TokenHealth {
  switch (observation.kind) {
    case 'revoked':
      return {
        state: 'revoked',
        scopes: [],
        missingScopes: [],
        checkedAt,
        message:
          'GitHub rejects this token (401 Bad credentials): it was revoked or has expired. Reconnect GitHub.',
      };
    case 'rate-limited':
      return {
        state: 'rate-limited',
        scopes: [],
        missingScopes: [],
        checkedAt,
        retryAt: new Date(observation.retryAt).toISOString(),
        message: `GitHub's rate limit is reached; the check resumes after ${new Date(observation.retryAt).toISOString()}.`,
      };
    case 'failed':
      return { state: 'unknown', scopes: [], missingScopes: [], checkedAt, message: observation.message };
    case 'ok': {
      const { login, scopes } = observation;
      const kind = tokenKind(token);
      if (scopes === undefined || kind === 'fine-grained' || kind === 'app')
        return {
          state: 'not-classic',
          scopes: [],
          missingScopes: [],
          login,
          checkedAt,
          message: `The token of ${login} is ${KIND_NAMES[kind] ?? 'not a classic token'}: GitHub reports no scopes for it and the container registry refuses it. Reconnect GitHub or paste a classic token (ghp_…).`,
        };
      const missing = missingScopes(scopes, requiredScopes);
      return missing.length === 0
        ? { state: 'ok', scopes, missingScopes: [], login, checkedAt }
        : {
            state: 'missing-scopes',
            scopes,
            missingScopes: missing,
            login,
            checkedAt,
            message: `The token of ${login} lacks ${missing.join(', ')}. Reconnect GitHub to grant ${missing.length === 1 ? 'it' : 'them'}.`,
          };
    }
  }
}
