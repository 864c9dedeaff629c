import { rememberSecret } from '../log/secret-redactor.ts';
import { type TokenVault, vaultItemNames } from './token-vault.ts';

/** A vault in process memory, for tests of code that uses a vault (the keychain has its own tests). */
export function createMemoryVault(): TokenVault {
  const items = new Map<string, string>();
  const take = (name: string) => items.delete(name);
  return {
    listTokens: async () => [...items.keys()].flatMap((name) => vaultItemNames.parseToken(name) ?? []),
    getToken: async (key) => items.get(vaultItemNames.token(key)),
    setToken: async (key, token) => {
      rememberSecret(token);
      items.set(vaultItemNames.token(key), token);
    },
    deleteToken: async (key) => take(vaultItemNames.token(key)),
    getAppSecret: async (host, clientId) => items.get(vaultItemNames.appSecret(host, clientId)),
    setAppSecret: async (host, clientId, secret) => {
      rememberSecret(secret);
      items.set(vaultItemNames.appSecret(host, clientId), secret);
    },
    deleteAppSecret: async (host, clientId) => take(vaultItemNames.appSecret(host, clientId)),
  };
}
