import type { Account, PullCheckResult, TokenHealth } from '../../../shared/domain/github.ts';
import { createLogger } from '../log/logger.ts';
import { rememberSecret } from '../log/secret-redactor.ts';
import type { TokenVault, VaultAccountKey } from '../vault/token-vault.ts';
import type { AccountRecord, AccountRecordStore } from './account-records.ts';
import { githubEndpoints, type GitHubEndpoints } from './endpoints.ts';
import { GitHubLoginError } from './login-error.ts';
import { type BrowserOpener, runLoopbackLogin } from './loopback-oauth.ts';
import { checkPull, type RegistryCredentials } from './registry-pull-check.ts';
import { createScopeAuditor, type ScopeAuditor } from './scope-audit.ts';
import { tokenFingerprint } from './token-fingerprint.ts';
import { tokenKind } from './token-kind.ts';

/** The GitHub part of the settings, read at each call so changes apply at once. */
export interface GitHubSettings {
  /** `https://github.com` or the GitHub Enterprise Server URL. */
  readonly githubUrl: string;
  /** `https://ghcr.io` or another registry speaking the Docker v2 token flow. */
  readonly registryUrl: string;
  /** Scopes a token must carry; requested by every login. */
  readonly requiredScopes: readonly string[];
  /** The OAuth App's client ID (its secret lives in the keychain). */
  readonly oauthClientId?: string;
}

export interface AccountServiceOptions {
  readonly settings: () => GitHubSettings;
  readonly vault: TokenVault;
  readonly records: AccountRecordStore;
  readonly openBrowser: BrowserOpener;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** How long a browser login may take (default 10 minutes). */
  readonly loginTimeoutMs?: number;
  readonly auditConcurrency?: number;
}

export interface ConnectInput {
  /** Reconnect this login: GitHub is asked for it, and a token of anyone else is refused. */
  readonly login?: string;
  /** Ask GitHub for its account picker. */
  readonly selectAccount?: boolean;
  readonly signal?: AbortSignal;
  /** Where the login is, for a UI that follows it (a reconnect's stages). */
  readonly onStage?: (stage: ConnectStage) => void;
}

export type ConnectStage = 'exchanging-code' | 'checking-identity' | 'checking-scopes' | 'storing-token';

export type AddTokenResult =
  | { readonly status: 'stored'; readonly account: Account }
  /** Scopes are missing: call again with `confirmMissingScopes: true` to store it anyway. */
  | {
      readonly status: 'needs-confirmation';
      readonly login: string;
      readonly health: TokenHealth;
      readonly message: string;
    }
  | { readonly status: 'refused'; readonly health: TokenHealth; readonly message: string };

export interface AccountRef {
  readonly login: string;
  /** Defaults to the host of the current GitHub URL setting. */
  readonly host?: string;
}

/**
 * GitHub accounts for the rest of the app (cluster engine, IPC handlers, CLI): connect through the browser,
 * paste a classic token, list with health, check, remove, run pull checks. Tokens stay inside: every method
 * returns logins, fingerprints and states, except `tokenFor`, which the main process uses to write pull
 * secrets. Logins compare case-insensitively, as on GitHub.
 */
export interface AccountService {
  /** Accounts whose token is in the keychain, with the health of their last check. */
  list(): Promise<Account[]>;
  /** Browser login (loopback + PKCE); the identity and scopes are checked before anything is stored. */
  connect(input?: ConnectInput): Promise<Account>;
  /** A pasted token: stored only when GitHub accepts it as a classic token (see `AddTokenResult`). */
  addToken(input: {
    readonly token: string;
    readonly confirmMissingScopes?: boolean;
  }): Promise<AddTokenResult>;
  /** Deletes the account's keychain item and record; true when there was one. */
  remove(account: AccountRef): Promise<boolean>;
  /** Re-checks the accounts' tokens (all, or one): one request per distinct token, conditional when possible. */
  check(account?: AccountRef): Promise<Account[]>;
  /** Health of arbitrary tokens (e.g. those inside pull secrets) on the current host, keyed by fingerprint. */
  auditTokens(tokens: Iterable<string>): Promise<Map<string, TokenHealth>>;
  /** The keychain's token of an account. Main process only: never send it anywhere but a pull secret. */
  tokenFor(account: AccountRef): Promise<string | undefined>;
  /** A real pull of `owner/name` with explicit credentials, or with an account's token (`login`). */
  checkPull(input: {
    readonly repository: string;
    readonly credentials?: RegistryCredentials;
    readonly login?: string;
  }): Promise<PullCheckResult>;
  /** Stores the OAuth App's client secret (for the configured host and client ID) in the keychain. */
  setOAuthClientSecret(secret: string): Promise<void>;
  hasOAuthClientSecret(): Promise<boolean>;
}

const log = createLogger('github.accounts');
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function createAccountService(options: AccountServiceOptions): AccountService {
  const now = options.now ?? Date.now;
  const { vault, records } = options;
  const auditors = new Map<string, ScopeAuditor>();

  function current() {
    const settings = options.settings();
    return { settings, endpoints: githubEndpoints(settings.githubUrl) };
  }

  function auditorFor(endpoints: GitHubEndpoints): ScopeAuditor {
    let auditor = auditors.get(endpoints.apiUrl);
    if (!auditor) {
      auditor = createScopeAuditor({
        apiUrl: endpoints.apiUrl,
        now,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.auditConcurrency ? { concurrency: options.auditConcurrency } : {}),
      });
      auditors.set(endpoints.apiUrl, auditor);
    }
    return auditor;
  }

  async function resolveKey(ref: AccountRef): Promise<VaultAccountKey | undefined> {
    const host = ref.host ?? current().endpoints.host;
    return (await vault.listTokens()).find((key) => same(key.host, host) && same(key.login, ref.login));
  }

  async function store(
    githubUrl: string,
    host: string,
    token: string,
    health: TokenHealth,
  ): Promise<Account> {
    const login = health.login as string;
    const at = new Date(now()).toISOString();
    const previous = (await records.list()).find((r) => same(r.host, host) && same(r.login, login));
    // A login is one keychain item: drop an item spelled with other letter case before writing.
    const stale = await resolveKey({ host, login });
    if (stale && stale.login !== login) await vault.deleteToken(stale);
    await vault.setToken({ host, login }, token);
    const record: AccountRecord = {
      host,
      login,
      githubUrl,
      tokenKind: tokenKind(token),
      fingerprint: tokenFingerprint(token),
      health,
      addedAt: previous?.addedAt ?? at,
      updatedAt: at,
    };
    await records.put(record);
    log.info('account stored', { host, login, fingerprint: record.fingerprint, health: health.state });
    return toAccount(record);
  }

  async function currentRecords(): Promise<AccountRecord[]> {
    const [keys, known] = await Promise.all([vault.listTokens(), records.list()]);
    const result: AccountRecord[] = [];
    for (const key of keys) {
      const record = known.find((r) => same(r.host, key.host) && same(r.login, key.login));
      if (record) {
        result.push(record);
        continue;
      }
      // In the keychain but not in the records (e.g. a new profile): adopt it, unchecked.
      const token = (await vault.getToken(key)) ?? '';
      const at = new Date(now()).toISOString();
      const adopted: AccountRecord = {
        host: key.host,
        login: key.login,
        githubUrl: key.host === 'github.com' ? 'https://github.com' : `https://${key.host}`,
        tokenKind: tokenKind(token),
        fingerprint: tokenFingerprint(token),
        health: {
          state: 'unknown',
          scopes: [],
          missingScopes: [],
          checkedAt: at,
          message: 'Not checked yet.',
        },
        addedAt: at,
        updatedAt: at,
      };
      await records.put(adopted);
      result.push(adopted);
    }
    for (const record of known)
      if (!keys.some((key) => same(record.host, key.host) && same(record.login, key.login)))
        await records.delete(record.host, record.login); // its token left the keychain
    return result;
  }

  return {
    async list() {
      return (await currentRecords()).map(toAccount);
    },

    async connect(input = {}) {
      const { settings, endpoints } = current();
      const clientId = settings.oauthClientId?.trim();
      if (!clientId)
        throw new GitHubLoginError(
          'not-configured',
          'Set the OAuth App client ID in Settings before connecting GitHub.',
        );
      const clientSecret = await vault.getAppSecret(endpoints.host, clientId);
      if (!clientSecret)
        throw new GitHubLoginError(
          'not-configured',
          `The OAuth App client secret for ${endpoints.host} is not in the keychain: enter it in Settings.`,
        );
      const token = await runLoopbackLogin({
        endpoints,
        clientId,
        clientSecret,
        scopes: settings.requiredScopes,
        openBrowser: options.openBrowser,
        ...(input.login ? { login: input.login } : {}),
        ...(input.selectAccount ? { selectAccount: true } : {}),
        ...(input.signal ? { signal: input.signal } : {}),
        ...(options.loginTimeoutMs ? { timeoutMs: options.loginTimeoutMs } : {}),
        ...(input.onStage ? { onExchange: () => input.onStage?.('exchanging-code') } : {}),
      });
      input.onStage?.('checking-identity');
      const health = await auditorFor(endpoints).check(token, settings.requiredScopes);
      if (!health.login)
        throw new GitHubLoginError(
          'token-unusable',
          `GitHub issued a token, but asking whose it is failed: ${health.message ?? health.state}. Nothing was stored.`,
        );
      if (input.login && !same(health.login, input.login))
        throw new GitHubLoginError(
          'identity-mismatch',
          `GitHub signed in as "${health.login}", but this reconnect is for "${input.login}". Nothing was stored. ` +
            `Switch to "${input.login}" on GitHub (or sign out there) and reconnect.`,
        );
      input.onStage?.('checking-scopes');
      if (health.state !== 'ok')
        throw new GitHubLoginError(
          'token-unusable',
          `The new token of ${health.login} is not usable: ${health.message ?? health.state} Nothing was stored.`,
        );
      input.onStage?.('storing-token');
      return store(settings.githubUrl, endpoints.host, token, health);
    },

    async addToken(input) {
      const { settings, endpoints } = current();
      const token = input.token.trim();
      const checkedAt = new Date(now()).toISOString();
      if (!token || /\s/.test(token)) {
        const message = 'That is not a token: paste one personal access token (classic), without spaces.';
        return {
          status: 'refused',
          message,
          health: { state: 'unknown', scopes: [], missingScopes: [], checkedAt, message },
        };
      }
      rememberSecret(token);
      const health = await auditorFor(endpoints).check(token, settings.requiredScopes);
      const refuse = (message: string): AddTokenResult => {
        log.warn('pasted token refused', { host: endpoints.host, state: health.state });
        return { status: 'refused', health, message };
      };
      switch (health.state) {
        case 'revoked':
          return refuse(`${health.message} Nothing was stored.`);
        case 'not-classic':
          return refuse(`${health.message} Nothing was stored.`);
        case 'rate-limited':
        case 'unknown':
          return refuse(`The token could not be checked: ${health.message} Nothing was stored.`);
        case 'missing-scopes':
          if (!input.confirmMissingScopes)
            return {
              status: 'needs-confirmation',
              login: health.login as string,
              health,
              message: `${health.message} Store it anyway? Pulls and re-syncs with it will fail until it has them.`,
            };
          return {
            status: 'stored',
            account: await store(settings.githubUrl, endpoints.host, token, health),
          };
        case 'ok':
          return {
            status: 'stored',
            account: await store(settings.githubUrl, endpoints.host, token, health),
          };
      }
    },

    async remove(ref) {
      const key = await resolveKey(ref);
      if (!key) return false;
      const deleted = await vault.deleteToken(key);
      await records.delete(key.host, key.login);
      log.info('account removed', { host: key.host, login: key.login });
      return deleted;
    },

    async check(ref) {
      const { settings } = current();
      const all = await currentRecords();
      const chosen = ref
        ? all.filter((r) => same(r.login, ref.login) && same(r.host, ref.host ?? current().endpoints.host))
        : all;
      const withTokens = await Promise.all(
        chosen.map(async (record) => ({ record, token: await vault.getToken(record) })),
      );
      const byApi = new Map<string, { endpoints: GitHubEndpoints; tokens: string[] }>();
      for (const { record, token } of withTokens) {
        if (!token) continue;
        const endpoints = githubEndpoints(record.githubUrl);
        const group = byApi.get(endpoints.apiUrl) ?? { endpoints, tokens: [] };
        group.tokens.push(token);
        byApi.set(endpoints.apiUrl, group);
      }
      const health = new Map<string, TokenHealth>();
      for (const { endpoints, tokens } of byApi.values())
        for (const [fingerprint, result] of await auditorFor(endpoints).audit(
          tokens,
          settings.requiredScopes,
        ))
          health.set(fingerprint, result);

      const updated: AccountRecord[] = [];
      for (const { record, token } of withTokens) {
        if (!token) continue;
        const fingerprint = tokenFingerprint(token);
        const next: AccountRecord = {
          ...record,
          fingerprint,
          tokenKind: tokenKind(token),
          health: health.get(fingerprint) ?? record.health,
        };
        await records.put(next);
        updated.push(next);
      }
      return updated.map(toAccount);
    },

    async auditTokens(tokens) {
      const { settings, endpoints } = current();
      return auditorFor(endpoints).audit(tokens, settings.requiredScopes);
    },

    async tokenFor(ref) {
      const key = await resolveKey(ref);
      return key ? vault.getToken(key) : undefined;
    },

    async checkPull(input) {
      const { settings } = current();
      let credentials = input.credentials;
      if (!credentials && input.login) {
        const key = await resolveKey({ login: input.login });
        const token = key ? await vault.getToken(key) : undefined;
        if (token && key) credentials = { username: key.login, password: token };
      }
      return checkPull({
        registryUrl: settings.registryUrl,
        repository: input.repository,
        now,
        ...(credentials ? { credentials } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
    },

    async setOAuthClientSecret(secret) {
      const { settings, endpoints } = current();
      const clientId = settings.oauthClientId?.trim();
      if (!clientId) throw new Error('Set the OAuth App client ID before its secret.');
      await vault.setAppSecret(endpoints.host, clientId, secret.trim());
    },

    async hasOAuthClientSecret() {
      const { settings, endpoints } = current();
      const clientId = settings.oauthClientId?.trim();
      return clientId ? (await vault.getAppSecret(endpoints.host, clientId)) !== undefined : false;
    },
  };
}

function toAccount(record: AccountRecord): Account {
  return {
    host: record.host,
    login: record.login,
    tokenKind: record.tokenKind,
    fingerprint: record.fingerprint,
    health: record.health,
    addedAt: record.addedAt,
    updatedAt: record.updatedAt,
  };
}
