import { createHash } from 'node:crypto';
import { effectiveScopes } from '../../shared/domain/github-scopes.ts';
import { mintTokenValue, randomAlphanumeric, randomHex, type StandInTokenKind } from './token-shapes.ts';

/**
 * The stand-in's world: users, organizations, container images, OAuth apps, tokens, authorization codes,
 * rate limits and request counters. The HTTP sides (web + API, registry, admin) only translate requests
 * into calls on this model, so tests can drive the same state in-process.
 */

export interface StandInUser {
  readonly id: number;
  readonly login: string;
  readonly name: string;
  readonly email: string;
}

export interface StandInApp {
  readonly name: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The registered authorization callback URL, e.g. `http://127.0.0.1/callback`. */
  readonly callbackUrl: string;
}

export interface TokenRecord {
  readonly value: string;
  readonly login: string;
  readonly kind: StandInTokenKind;
  /** Granted scopes, sorted; empty for fine-grained tokens (their rights are not scopes). */
  readonly scopes: readonly string[];
  /** OAuth tokens: the app that obtained them (the 10-tokens rule counts per user/app/scope set). */
  readonly clientId?: string;
  readonly createdAt: number;
  revoked: boolean;
}

export interface ImageRecord {
  readonly repository: string;
  visibility: 'private' | 'public';
  readonly tags: Map<string, ManifestRecord>;
}

export interface ManifestRecord {
  readonly body: string;
  readonly digest: string;
}

export interface AuthorizationCode {
  readonly clientId: string;
  readonly login: string;
  readonly scopes: readonly string[];
  /** The redirect_uri given to /authorize, if any: the exchange must repeat it. */
  readonly redirectUri?: string;
  readonly codeChallenge?: string;
  readonly createdAt: number;
  used: boolean;
}

/** How `/login/oauth/authorize` answers. */
export type ConsentMode =
  /** Show the consent page (a browser must click). */
  | { readonly mode: 'page' }
  /** Approve without a page: as `as`, or as the request's `login` hint when `as` is absent. */
  | { readonly mode: 'approve'; readonly as?: string }
  /** Deny without a page (`error=access_denied`). */
  | { readonly mode: 'deny' };

export interface RateLimitOverride {
  /** `primary`: 403 + `x-ratelimit-remaining: 0`; `secondary`: 429 + `retry-after`; `off`: normal. */
  readonly mode: 'off' | 'primary' | 'secondary';
  readonly retryAfterSeconds?: number;
}

export interface StandInCounters {
  /** Every request under `/api/v3`, including conditional ones answered 304. */
  readonly apiRequests: number;
  /** Of those, answered 304 Not Modified (free for the rate limit). */
  readonly apiNotModified: number;
  readonly apiRequestsByPath: Readonly<Record<string, number>>;
  readonly authorizeRequests: number;
  readonly tokenExchanges: number;
  readonly registryRequests: number;
  readonly registryTokenRequests: number;
}

export interface StandInModelOptions {
  /** Requests per user per hour before the primary rate limit answers 403 (GitHub: 5000). */
  readonly rateLimitPerHour?: number;
  /** Authorization codes live this long (GitHub: 10 minutes). */
  readonly codeLifetimeMs?: number;
}

/** GitHub keeps at most 10 OAuth tokens per user/app/scope set; an 11th silently revokes the oldest. */
export const TOKENS_PER_USER_APP_SCOPES = 10;
const HOUR_MS = 3_600_000;

export function createStandInModel(options: StandInModelOptions = {}) {
  const rateLimitPerHour = options.rateLimitPerHour ?? 5000;
  const codeLifetimeMs = options.codeLifetimeMs ?? 10 * 60_000;
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;

  const users = new Map<string, StandInUser>();
  const orgs = new Map<string, Set<string>>();
  const images = new Map<string, ImageRecord>();
  const blobs = new Map<string, Buffer>();
  const apps = new Map<string, StandInApp>();
  const tokens = new Map<string, TokenRecord>();
  const codes = new Map<string, AuthorizationCode>();
  const rateWindows = new Map<string, { resetAt: number; used: number }>();
  let consent: ConsentMode = { mode: 'page' };
  let rateOverride: RateLimitOverride = { mode: 'off' };
  let counters = emptyCounters();
  let requestsByPath: Record<string, number> = {};

  const key = (login: string) => login.toLowerCase();

  function requireUser(login: string): StandInUser {
    const user = users.get(key(login));
    if (!user) throw new Error(`stand-in: no user "${login}"`);
    return user;
  }

  function ownerExists(owner: string): boolean {
    return users.has(key(owner)) || orgs.has(key(owner));
  }

  function storeBlob(content: Buffer | string): { digest: string; size: number } {
    const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    blobs.set(digest, bytes);
    return { digest, size: bytes.length };
  }

  /** An OCI image manifest whose config names the image and tag, so every tag has its own digest. */
  function buildManifest(repository: string, tag: string): ManifestRecord {
    const config = storeBlob(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        config: { Labels: { 'org.opencontainers.image.source': repository, tag } },
        rootfs: { type: 'layers', diff_ids: [] },
      }),
    );
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [],
    });
    return { body, digest: `sha256:${createHash('sha256').update(body).digest('hex')}` };
  }

  function issueToken(record: Omit<TokenRecord, 'value' | 'createdAt' | 'revoked'>): TokenRecord {
    const token: TokenRecord = {
      ...record,
      value: mintTokenValue(record.kind),
      createdAt: now(),
      revoked: false,
    };
    if (record.kind === 'oauth' && record.clientId) {
      const scopeKey = record.scopes.join(' ');
      const live = [...tokens.values()]
        .filter(
          (t) =>
            !t.revoked &&
            t.kind === 'oauth' &&
            key(t.login) === key(record.login) &&
            t.clientId === record.clientId &&
            t.scopes.join(' ') === scopeKey,
        )
        .sort((a, b) => a.createdAt - b.createdAt);
      for (const oldest of live.slice(0, Math.max(0, live.length - TOKENS_PER_USER_APP_SCOPES + 1))) {
        oldest.revoked = true;
      }
    }
    tokens.set(token.value, token);
    return token;
  }

  const admin = {
    createUser(input: { login: string; name?: string; email?: string }): StandInUser {
      if (ownerExists(input.login)) throw new Error(`stand-in: "${input.login}" already exists`);
      const user: StandInUser = {
        id: users.size + orgs.size + 1,
        login: input.login,
        name: input.name ?? input.login,
        email: input.email ?? `${input.login}@users.noreply.example`,
      };
      users.set(key(input.login), user);
      return user;
    },

    createOrg(input: { login: string; members?: readonly string[] }): void {
      if (ownerExists(input.login)) throw new Error(`stand-in: "${input.login}" already exists`);
      orgs.set(key(input.login), new Set());
      for (const member of input.members ?? []) admin.addMember({ org: input.login, login: member });
    },

    addMember(input: { org: string; login: string }): void {
      const members = orgs.get(key(input.org));
      if (!members) throw new Error(`stand-in: no organization "${input.org}"`);
      members.add(key(requireUser(input.login).login));
    },

    removeMember(input: { org: string; login: string }): void {
      orgs.get(key(input.org))?.delete(key(input.login));
    },

    /** A container image (a package) `owner/name` with tags; the owner must exist. */
    createImage(input: {
      repository: string;
      tags?: readonly string[];
      visibility?: 'private' | 'public';
    }): void {
      const [owner] = input.repository.split('/');
      if (!owner || !input.repository.includes('/') || !ownerExists(owner))
        throw new Error(`stand-in: image "${input.repository}" needs an existing owner`);
      const name = input.repository.toLowerCase();
      const image = images.get(name) ?? { repository: name, visibility: 'private', tags: new Map() };
      image.visibility = input.visibility ?? image.visibility;
      for (const tag of input.tags ?? ['latest']) image.tags.set(tag, buildManifest(name, tag));
      images.set(name, image);
    },

    deleteImage(input: { repository: string }): void {
      images.delete(input.repository.toLowerCase());
    },

    registerApp(input: {
      name: string;
      callbackUrl: string;
      clientId?: string;
      clientSecret?: string;
    }): StandInApp {
      const app: StandInApp = {
        name: input.name,
        callbackUrl: input.callbackUrl,
        clientId: input.clientId ?? `Ov23li${randomAlphanumeric(14)}`,
        clientSecret: input.clientSecret ?? randomHex(20),
      };
      apps.set(app.clientId, app);
      return app;
    },

    /** A token as GitHub would issue it; OAuth tokens minted for an app obey the 10-tokens rule. */
    mintToken(input: {
      login: string;
      kind?: StandInTokenKind;
      scopes?: readonly string[];
      clientId?: string;
    }): string {
      const kind = input.kind ?? 'classic';
      const scopes = kind === 'fine-grained' ? [] : normalizeScopes(input.scopes ?? []);
      return issueToken({
        login: requireUser(input.login).login,
        kind,
        scopes,
        ...(input.clientId ? { clientId: input.clientId } : {}),
      }).value;
    },

    revokeToken(input: { token: string }): boolean {
      const token = tokens.get(input.token);
      if (!token || token.revoked) return false;
      token.revoked = true;
      return true;
    },

    /** What the stand-in knows about a token (tests check the 10-tokens rule with it). */
    tokenInfo(input: { token: string }) {
      const token = tokens.get(input.token);
      return token
        ? { login: token.login, kind: token.kind, scopes: [...token.scopes], revoked: token.revoked }
        : undefined;
    },

    /** Every token the stand-in ever issued (of one login, if given): tests scan logs for all of them. */
    tokens(input: { login?: string } = {}) {
      return [...tokens.values()]
        .filter((t) => !input.login || key(t.login) === key(input.login))
        .map((t) => ({
          token: t.value,
          login: t.login,
          kind: t.kind,
          scopes: [...t.scopes],
          revoked: t.revoked,
        }));
    },

    setConsent(mode: ConsentMode): void {
      consent = mode;
    },

    setRateLimit(override: RateLimitOverride): void {
      rateOverride = override;
    },

    /** Moves the stand-in's clock (code expiry, rate-limit windows) without waiting. */
    advanceClock(input: { ms: number }): void {
      clockOffsetMs += input.ms;
    },

    counters(): StandInCounters {
      return { ...counters, apiRequestsByPath: { ...requestsByPath } };
    },

    resetCounters(): void {
      counters = emptyCounters();
      requestsByPath = {};
    },
  };

  return {
    admin,
    now,
    codeLifetimeMs,
    consent: () => consent,
    users: () => [...users.values()],
    findUser: (login: string) => users.get(key(login)),
    findApp: (clientId: string) => apps.get(clientId),
    findToken: (value: string) => tokens.get(value),
    findImage: (repository: string) => images.get(repository.toLowerCase()),
    findBlob: (digest: string) => blobs.get(digest),

    /** Whether `login` may read packages of `owner`: it is the owner or a member of the organization. */
    canRead(login: string, owner: string): boolean {
      return key(login) === key(owner) || (orgs.get(key(owner))?.has(key(login)) ?? false);
    },

    ownerExists,

    hasScope(token: TokenRecord, scope: string): boolean {
      return effectiveScopes(token.scopes).has(scope);
    },

    issueCode(code: Omit<AuthorizationCode, 'createdAt' | 'used'>): string {
      const value = randomHex(10);
      codes.set(value, { ...code, createdAt: now(), used: false });
      return value;
    },

    findCode: (value: string) => codes.get(value),

    issueOAuthToken(code: AuthorizationCode): TokenRecord {
      return issueToken({ login: code.login, kind: 'oauth', scopes: code.scopes, clientId: code.clientId });
    },

    /**
     * Counts one API request by `login` against the primary limit (or reports the forced override) and
     * returns the rate-limit headers to send; `limited` says the request must be refused.
     */
    chargeRateLimit(login: string, free: boolean) {
      const at = now();
      let window = rateWindows.get(key(login));
      if (!window || window.resetAt <= at) {
        window = { resetAt: at + HOUR_MS, used: 0 };
        rateWindows.set(key(login), window);
      }
      if (rateOverride.mode !== 'off') {
        const retryAfter = rateOverride.retryAfterSeconds ?? 60;
        return {
          limited: rateOverride.mode,
          retryAfterSeconds: retryAfter,
          limit: rateLimitPerHour,
          remaining: rateOverride.mode === 'primary' ? 0 : Math.max(0, rateLimitPerHour - window.used),
          used: window.used,
          reset: Math.ceil(
            (rateOverride.mode === 'primary' ? at + retryAfter * 1000 : window.resetAt) / 1000,
          ),
        } as const;
      }
      const exhausted = window.used >= rateLimitPerHour;
      if (!free && !exhausted) window.used += 1;
      return {
        limited: exhausted ? ('primary' as const) : undefined,
        retryAfterSeconds: Math.ceil((window.resetAt - at) / 1000),
        limit: rateLimitPerHour,
        remaining: Math.max(0, rateLimitPerHour - window.used),
        used: window.used,
        reset: Math.ceil(window.resetAt / 1000),
      };
    },

    /** Counts a request (`apiRequests` also per path: the benchmarks report "GitHub requests made"). */
    count(name: CounterName, path?: string): void {
      counters[name] += 1;
      if (name === 'apiRequests' && path) requestsByPath[path] = (requestsByPath[path] ?? 0) + 1;
    },
  };
}

export type StandInModel = ReturnType<typeof createStandInModel>;
export type StandInAdmin = StandInModel['admin'];

/** Scopes as GitHub records them: split on spaces or commas, deduplicated, sorted. */
export function normalizeScopes(scopes: Iterable<string>): string[] {
  const result = new Set<string>();
  for (const entry of scopes) for (const scope of entry.split(/[\s,]+/)) if (scope) result.add(scope);
  return [...result].sort();
}

type CounterName = Exclude<keyof StandInCounters, 'apiRequestsByPath'>;

function emptyCounters(): Record<CounterName, number> {
  return {
    apiRequests: 0,
    apiNotModified: 0,
    authorizeRequests: 0,
    tokenExchanges: 0,
    registryRequests: 0,
    registryTokenRequests: 0,
  };
}
