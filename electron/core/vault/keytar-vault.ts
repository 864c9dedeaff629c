import type * as KeytarModule from 'keytar';
import { describeError, rememberSecret } from '../log/secret-redactor.ts';
import { type TokenVault, vaultItemNames, VaultUnavailableError } from './token-vault.ts';

type Keytar = typeof KeytarModule;

export interface KeytarVaultOptions {
  /** The keychain service the items are filed under. */
  readonly service?: string;
}

export const DEFAULT_VAULT_SERVICE = 'ghcr-desk';

/** What each libsecret/D-Bus failure means for the user, and what to do about it. */
const UNAVAILABLE: readonly [RegExp, string][] = [
  [
    /autolaunch D-Bus without X11/i,
    'there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset and there is no X11 display to find one)',
  ],
  [
    /Could not connect|Failed to connect to socket/i,
    'the D-Bus session bus named by DBUS_SESSION_BUS_ADDRESS does not answer',
  ],
  [
    /org\.freedesktop\.secrets|not provided by any \.service files|ServiceUnknown/i,
    'no Secret Service (gnome-keyring, KWallet) runs on the session bus',
  ],
  [/locked collection|is locked|prompt/i, 'the keyring is locked and could not be unlocked'],
  [
    /keytar\.node|Cannot find module|NODE_MODULE_VERSION|was compiled against/i,
    'the keychain module (keytar) failed to load',
  ],
];

const ADVICE =
  'ghcr-desk keeps GitHub tokens only in the OS keychain and never writes them to disk in plaintext. ' +
  'On Linux, run a Secret Service in your session (gnome-keyring or KWallet, unlocked) — in a headless shell: ' +
  '`dbus-run-session -- sh -c "printf <password> | gnome-keyring-daemon --unlock --components=secrets; <command>"` — then try again.';

/** Translates keytar's raw errors; keychain trouble becomes a `VaultUnavailableError` naming the fix. */
export function translateKeychainError(error: unknown): Error {
  const raw = describeError(error);
  for (const [pattern, reason] of UNAVAILABLE) {
    if (pattern.test(raw))
      return new VaultUnavailableError(`The OS keychain is unavailable: ${reason} ("${raw}"). ${ADVICE}`);
  }
  return new Error(`The OS keychain refused the operation: ${raw}`);
}

/** The vault on keytar (macOS Keychain, Windows Credential Manager, Linux Secret Service). */
export function createKeytarVault(options: KeytarVaultOptions = {}): TokenVault {
  const service = options.service ?? DEFAULT_VAULT_SERVICE;
  let loaded: Promise<Keytar> | undefined;

  // Loaded on first use so that a missing native module is reported like any other keychain failure.
  async function keychain<T>(operation: (keytar: Keytar) => Promise<T>): Promise<T> {
    try {
      loaded ??= import('keytar').then((module) => (module as { default?: Keytar }).default ?? module);
      return await operation(await loaded);
    } catch (error) {
      throw translateKeychainError(error);
    }
  }

  const read = async (account: string) => {
    const secret = await keychain((k) => k.getPassword(service, account));
    if (secret) rememberSecret(secret);
    return secret ?? undefined;
  };

  return {
    async listTokens() {
      const items = await keychain((k) => k.findCredentials(service));
      return items.flatMap((item) => {
        rememberSecret(item.password);
        const key = vaultItemNames.parseToken(item.account);
        return key ? [key] : [];
      });
    },
    getToken: (key) => read(vaultItemNames.token(key)),
    async setToken(key, token) {
      rememberSecret(token);
      if (!token) throw new Error('refusing to store an empty token');
      await keychain((k) => k.setPassword(service, vaultItemNames.token(key), token));
    },
    deleteToken: (key) => keychain((k) => k.deletePassword(service, vaultItemNames.token(key))),
    getAppSecret: (host, clientId) => read(vaultItemNames.appSecret(host, clientId)),
    async setAppSecret(host, clientId, secret) {
      rememberSecret(secret);
      if (!secret) throw new Error('refusing to store an empty client secret');
      await keychain((k) => k.setPassword(service, vaultItemNames.appSecret(host, clientId), secret));
    },
    deleteAppSecret: (host, clientId) =>
      keychain((k) => k.deletePassword(service, vaultItemNames.appSecret(host, clientId))),
  };
}
