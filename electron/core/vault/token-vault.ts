/**
 * Where tokens live: the OS keychain, one item per GitHub host + login and one per OAuth App secret.
 * Behind an interface so code that uses tokens can be tested without a keychain; the keychain itself is
 * tested for real (keytar-vault.integration.test.ts).
 */
export interface VaultAccountKey {
  readonly host: string;
  readonly login: string;
}

export interface TokenVault {
  /** Every stored GitHub token's host and login (never the tokens). */
  listTokens(): Promise<VaultAccountKey[]>;
  getToken(key: VaultAccountKey): Promise<string | undefined>;
  setToken(key: VaultAccountKey, token: string): Promise<void>;
  /** True when something was deleted. */
  deleteToken(key: VaultAccountKey): Promise<boolean>;
  getAppSecret(host: string, clientId: string): Promise<string | undefined>;
  setAppSecret(host: string, clientId: string, secret: string): Promise<void>;
  deleteAppSecret(host: string, clientId: string): Promise<boolean>;
}

/** The keychain cannot be reached at all; the message says what to do. Nothing falls back to plaintext. */
export class VaultUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultUnavailableError';
  }
}

/** Keychain item names: `github-token/<host>/<login>` and `oauth-app-secret/<host>/<client id>`. */
export const vaultItemNames = {
  token: (key: VaultAccountKey) => `github-token/${key.host.toLowerCase()}/${key.login}`,
  appSecret: (host: string, clientId: string) => `oauth-app-secret/${host.toLowerCase()}/${clientId}`,
  parseToken(account: string): VaultAccountKey | undefined {
    const match = /^github-token\/([^/]+)\/([^/]+)$/.exec(account);
    return match?.[1] && match[2] ? { host: match[1], login: match[2] } : undefined;
  },
};
