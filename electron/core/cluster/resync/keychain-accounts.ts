import { DeskError } from '../../../../shared/contract/result.ts';
import type { TokenHealth } from '../../../../shared/domain/github.ts';
import type { AccountService } from '../../github/account-service.ts';
import { tokenFingerprint } from '../../github/token-fingerprint.ts';
import { rememberSecret } from '../../log/secret-redactor.ts';
import { VaultUnavailableError } from '../../vault/token-vault.ts';
import type { ResyncAccount } from './pull-secret-decision.ts';

/** What the re-sync needs of the GitHub side. */
export type ResyncAccounts = Pick<AccountService, 'list' | 'tokenFor' | 'auditTokens'>;

/** An account as a plan remembers it: no token, only which one was checked and what the check said. */
export interface CheckedAccount {
  readonly login: string;
  readonly fingerprint: string;
  readonly health: TokenHealth;
}

const lower = (login: string) => login.toLowerCase();

async function keychain<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof VaultUnavailableError) throw new DeskError('keychain-unavailable', error.message);
    throw error;
  }
}

/**
 * The keychain accounts of `githubHost` among `logins`, with their tokens and a fresh scope check (one GitHub
 * request per distinct token, conditional when the token was seen before), by lower-case login.
 */
export async function loadAccounts(
  accounts: ResyncAccounts,
  githubHost: string,
  logins: Iterable<string>,
): Promise<Map<string, ResyncAccount & CheckedAccount>> {
  const wanted = new Set([...logins].map(lower));
  const known = (await keychain(() => accounts.list())).filter(
    (account) => lower(account.host) === lower(githubHost) && wanted.has(lower(account.login)),
  );
  const withTokens = await Promise.all(
    known.map(async (account) => {
      const token = await keychain(() => accounts.tokenFor({ login: account.login, host: account.host }));
      if (token) rememberSecret(token);
      return { account, token };
    }),
  );
  const tokens = withTokens.flatMap(({ token }) => (token ? [token] : []));
  const health = tokens.length > 0 ? await accounts.auditTokens(tokens) : new Map<string, TokenHealth>();
  const result = new Map<string, ResyncAccount & CheckedAccount>();
  for (const { account, token } of withTokens) {
    const fingerprint = token ? tokenFingerprint(token) : '';
    result.set(lower(account.login), {
      login: account.login,
      fingerprint,
      health: health.get(fingerprint) ?? account.health,
      ...(token ? { token } : {}),
    });
  }
  return result;
}

/**
 * The tokens of accounts a plan checked, read again at apply time. A token that changed since the plan
 * (a reconnect in between) was not checked: it reads as unknown, and the decision skips its items.
 */
export async function reloadAccounts(
  accounts: ResyncAccounts,
  githubHost: string,
  checked: ReadonlyMap<string, CheckedAccount>,
): Promise<Map<string, ResyncAccount>> {
  const result = new Map<string, ResyncAccount>();
  for (const [key, account] of checked) {
    const token = await keychain(() => accounts.tokenFor({ login: account.login, host: githubHost }));
    if (token) rememberSecret(token);
    const same = (token ? tokenFingerprint(token) : '') === account.fingerprint;
    result.set(key, {
      login: account.login,
      health: account.health,
      ...(token ? { token } : {}),
      ...(same
        ? {}
        : {
            unusable: `The keychain token of ${account.login} changed after the plan was made: plan again.`,
          }),
    });
  }
  return result;
}
