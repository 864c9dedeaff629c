import { GitHubLoginError } from '../../github/login-error.ts';
import type { ParsedOptions } from '../cli-args.ts';
import type { CliSession } from '../cli-session.ts';
import { err, out, printJson } from '../output.ts';
import { EXIT, UsageError } from '../usage-error.ts';

/** `ghcr-desk login [--login NAME]`: the browser login; the token goes straight to the keychain. */
export async function loginCommand(
  session: CliSession,
  args: readonly string[],
  options: ParsedOptions,
  signal: AbortSignal,
): Promise<number> {
  if (args.length > 0)
    throw new UsageError(`login takes no arguments; use --login NAME (got "${args.join(' ')}").`);
  const login = options.login;
  if (login !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(login))
    throw new UsageError(`--login "${login}" is not a GitHub login.`);
  try {
    const account = await session.services().accounts.connect({
      ...(login ? { login } : { selectAccount: true }),
      signal,
    });
    if (session.json) printJson(session.io, { account });
    else
      out(
        session.io,
        `Connected ${account.login} on ${account.host} (${account.fingerprint}); scopes: ${account.health.scopes.join(', ')}.`,
      );
    return EXIT.ok;
  } catch (error) {
    // A refused or failed login is an outcome of the command; a missing OAuth setup is the environment's.
    if (!(error instanceof GitHubLoginError) || error.code === 'not-configured') throw error;
    if (error.code === 'cancelled') throw error;
    if (session.json) printJson(session.io, { error: { code: error.code, message: error.message } });
    err(session.io, `Login failed: ${error.message}`);
    return EXIT.findings;
  }
}
