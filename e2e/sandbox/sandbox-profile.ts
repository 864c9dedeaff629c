// The sandbox's throwaway profile, written the way an operator would set the product up: the settings
// through the product's own settings store (so its schema accepts them), the OAuth App's client secret and
// the accounts through its account service (pasted tokens, checked against the stand-in GitHub before
// they are stored), into the real keychain under the sandbox's own service name.
import type { Settings } from '../../shared/domain/app.ts';
import { createFileAccountRecords } from '../../electron/core/github/account-records.ts';
import { createAccountService } from '../../electron/core/github/account-service.ts';
import { accountRecordsPath } from '../../electron/core/engine/profile-vault.ts';
import { openSettingsStore } from '../../electron/core/settings/settings-store.ts';
import { createKeytarVault } from '../../electron/core/vault/keytar-vault.ts';

export interface SandboxProfileInput {
  readonly profileDir: string;
  readonly keychainService: string;
  readonly settings: Partial<Settings>;
  readonly oauthClientSecret: string;
  /** Tokens of the accounts the operator "connected" before the demo starts. */
  readonly accountTokens: readonly string[];
  /** Runs after the accounts are stored and before their health is checked (revoke tokens here). */
  readonly beforeCheck?: () => void;
}

export async function writeSandboxProfile(input: SandboxProfileInput): Promise<void> {
  const settings = openSettingsStore(input.profileDir);
  await settings.update(input.settings);
  const accounts = createAccountService({
    settings: () => settings.get(),
    vault: createKeytarVault({ service: input.keychainService }),
    records: createFileAccountRecords(accountRecordsPath(input.profileDir)),
    openBrowser: () => Promise.reject(new Error('the sandbox connects accounts by token only')),
  });
  await accounts.setOAuthClientSecret(input.oauthClientSecret);
  for (const token of input.accountTokens) {
    // Scope-less tokens are what the seed's platform stored: keep them, as an operator confirming would.
    const result = await accounts.addToken({ token, confirmMissingScopes: true });
    if (result.status !== 'stored')
      throw new Error(`the sandbox could not store an account: ${result.message}`);
  }
  input.beforeCheck?.();
  // The records then say what the Accounts screen shows at once (a revoked token as revoked).
  await accounts.check();
}
