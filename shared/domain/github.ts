/** GitHub-side words of the product: accounts, tokens, scopes, token health. No token values here, ever. */

/** The seed's seven scopes: what a tenant token must carry (Settings › required scopes). */
export const DEFAULT_REQUIRED_SCOPES = [
  'user:email',
  'repo',
  'workflow',
  'admin:repo_hook',
  'delete_repo',
  'read:packages',
  'write:packages',
] as const;

export const TOKEN_HEALTH_STATES = [
  'ok',
  'missing-scopes',
  'revoked',
  'not-classic',
  'rate-limited',
  'unknown',
] as const;
export type TokenHealthState = (typeof TOKEN_HEALTH_STATES)[number];

/** By prefix: gho_ OAuth app, ghp_ classic PAT, github_pat_ fine-grained, ghu_/ghs_/ghr_ GitHub App tokens. */
export type TokenKind = 'oauth' | 'classic-pat' | 'fine-grained' | 'app' | 'unknown';

export interface TokenHealth {
  readonly state: TokenHealthState;
  /** Scopes GitHub reports for the token (X-OAuth-Scopes); empty when not readable. */
  readonly scopes: readonly string[];
  /** Required scopes the token lacks (state `missing-scopes`). */
  readonly missingScopes: readonly string[];
  /** The login GitHub says the token belongs to, when the check got that far. */
  readonly login?: string;
  /** ISO 8601 time of the check. */
  readonly checkedAt: string;
  /** ISO 8601 time after which GitHub accepts requests again (state `rate-limited`). */
  readonly retryAt?: string;
  /** A sentence for people, naming what is wrong and the fix; never contains a token. */
  readonly message?: string;
}

/** Names an account without anything secret. */
export interface AccountRef {
  readonly host: string;
  readonly login: string;
}

/** A GitHub login on a host whose token sits in the OS keychain. */
export interface Account {
  /** GitHub host: `github.com`, or the GitHub Enterprise Server host (with port when not default). */
  readonly host: string;
  readonly login: string;
  readonly tokenKind: TokenKind;
  /** `sha256:` + the first 12 hex digits of the token's SHA-256: tells tokens apart, reveals nothing. */
  readonly fingerprint: string;
  readonly health: TokenHealth;
  readonly addedAt: string;
  readonly updatedAt: string;
}

/**
 * A pasted PAT is checked before it is stored. When it lacks required scopes it is stored only if the user
 * confirmed that; otherwise the check comes back so the UI can name the missing scopes and ask.
 */
export type AddTokenOutcome =
  | { readonly stored: true; readonly account: Account }
  | { readonly stored: false; readonly login: string; readonly health: TokenHealth };

export type PullCheckOutcome = 'ok' | 'denied' | 'not-found' | 'unreachable' | 'no-credentials';

/** A real pull attempt: registry token exchange + tags list with the pull secret's credentials. */
export interface PullCheckResult {
  readonly outcome: PullCheckOutcome;
  /** `owner/name` that was checked. */
  readonly repository: string;
  /** The registry's own refusal (e.g. `DENIED: permission_denied: …`) or what went wrong. */
  readonly message: string;
  readonly tags?: readonly string[];
  readonly checkedAt: string;
}
