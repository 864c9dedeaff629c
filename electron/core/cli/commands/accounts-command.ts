import type { Account } from '../../../../shared/domain/github.ts';
import { rememberSecret } from '../../log/secret-redactor.ts';
import type { ParsedOptions } from '../cli-args.ts';
import { confirm, promptHidden, readAllStdin } from '../cli-io.ts';
import type { CliSession } from '../cli-session.ts';
import { err, out, printJson, table } from '../output.ts';
import { EXIT, UsageError } from '../usage-error.ts';

function healthText(account: Account): string {
  const health = account.health;
  if (health.state === 'missing-scopes') return `missing-scopes (${health.missingScopes.join(', ')})`;
  return health.state;
}

function printAccounts(session: CliSession, accounts: readonly Account[]): void {
  if (session.json) return printJson(session.io, { accounts });
  if (accounts.length === 0)
    return out(
      session.io,
      'No accounts in the keychain. Add one with `ghcr-desk login` or `ghcr-desk accounts add`.',
    );
  out(
    session.io,
    table(
      ['LOGIN', 'HOST', 'KIND', 'FINGERPRINT', 'HEALTH', 'CHECKED'],
      accounts.map((a) => [a.login, a.host, a.tokenKind, a.fingerprint, healthText(a), a.health.checkedAt]),
    ),
  );
  for (const account of accounts)
    if (account.health.state !== 'ok' && account.health.message)
      out(session.io, `${account.login}: ${account.health.message}`);
}

const unhealthy = (accounts: readonly Account[]) => accounts.some((a) => a.health.state !== 'ok');

/** The token, from stdin only: piped, or typed on the terminal without echo. */
async function tokenFromStdin(session: CliSession): Promise<string> {
  const raw = session.io.stdinIsTty
    ? await promptHidden(session.io, 'GitHub personal access token (classic), input hidden: ')
    : await readAllStdin(session.io);
  const token = raw.trim();
  if (token) rememberSecret(token);
  if (!token)
    throw new UsageError(
      'No token on stdin. Pipe one in: `ghcr-desk accounts add < token.txt` (never as an argument).',
    );
  if (/\s/.test(token)) throw new UsageError('stdin holds more than one word; expected exactly one token.');
  return token;
}

/** `ghcr-desk accounts list|add|remove|check`. */
export async function accountsCommand(
  session: CliSession,
  args: readonly string[],
  options: ParsedOptions,
): Promise<number> {
  const [action, ...rest] = args;
  const accounts = session.services().accounts;
  const noMore = (expected: number) => {
    if (rest.length > expected)
      throw new UsageError(
        `accounts ${action} takes ${expected === 0 ? 'no arguments' : 'one login'}; got "${rest.join(' ')}".`,
      );
  };
  if (options['allow-missing-scopes'] && action !== 'add')
    throw new UsageError('--allow-missing-scopes applies to `accounts add` only.');
  switch (action) {
    case 'list': {
      noMore(0);
      const list = await accounts.list();
      printAccounts(session, list);
      return unhealthy(list) ? EXIT.findings : EXIT.ok;
    }
    case 'add': {
      noMore(0);
      const token = await tokenFromStdin(session);
      let result = await accounts.addToken({
        token,
        confirmMissingScopes: options['allow-missing-scopes'] === true,
      });
      if (result.status === 'needs-confirmation' && session.io.stdinIsTty && !session.json) {
        if (await confirm(session.io, `${result.message}`))
          result = await accounts.addToken({ token, confirmMissingScopes: true });
      }
      if (session.json)
        printJson(
          session.io,
          result.status === 'stored'
            ? { stored: true, account: result.account }
            : { stored: false, ...result },
        );
      else if (result.status === 'stored')
        out(
          session.io,
          `Stored ${result.account.login} (${result.account.fingerprint}) on ${result.account.host}: ${healthText(result.account)}.`,
        );
      else
        err(
          session.io,
          `Not stored: ${result.message}${result.status === 'needs-confirmation' ? ' Pass --allow-missing-scopes to store it anyway.' : ''}`,
        );
      return result.status === 'stored' ? EXIT.ok : EXIT.findings;
    }
    case 'remove': {
      noMore(1);
      const login = rest[0];
      if (!login) throw new UsageError('accounts remove needs the login: `ghcr-desk accounts remove LOGIN`.');
      const removed = await accounts.remove({ login });
      if (session.json) printJson(session.io, { removed });
      else
        out(
          session.io,
          removed
            ? `Removed ${login}'s token from the keychain.`
            : `There is no account ${login} in the keychain.`,
        );
      return removed ? EXIT.ok : EXIT.findings;
    }
    case 'check': {
      noMore(1);
      const login = rest[0];
      const checked = await accounts.check(login ? { login } : undefined);
      if (login && checked.length === 0) {
        if (session.json) printJson(session.io, { accounts: [] });
        else err(session.io, `There is no account ${login} in the keychain.`);
        return EXIT.findings;
      }
      printAccounts(session, checked);
      return unhealthy(checked) ? EXIT.findings : EXIT.ok;
    }
    case undefined:
      throw new UsageError('accounts needs an action: list, add, remove LOGIN or check [LOGIN].');
    default:
      throw new UsageError(
        `Unknown accounts action "${action}": use list, add, remove LOGIN or check [LOGIN].`,
      );
  }
}
