import { join } from 'node:path';
import { createKeytarVault, DEFAULT_VAULT_SERVICE } from '../vault/keytar-vault.ts';
import type { TokenVault } from '../vault/token-vault.ts';

/** Logins, fingerprints and last health of the accounts (no tokens), beside the settings. */
export function accountRecordsPath(profileDir: string): string {
  return join(profileDir, 'accounts.json');
}

/**
 * The OS keychain, filed under service `ghcr-desk`. GHCR_DESK_KEYCHAIN_SERVICE files the items under
 * another service, as GHCR_DESK_PROFILE moves the profile: a throwaway profile (the demo, tests) then
 * keeps its tokens apart from the operator's own.
 */
export function createDefaultVault(env: NodeJS.ProcessEnv = process.env): TokenVault {
  return createKeytarVault({ service: env['GHCR_DESK_KEYCHAIN_SERVICE'] || DEFAULT_VAULT_SERVICE });
}
