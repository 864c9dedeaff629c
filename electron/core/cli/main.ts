import { DeskError } from '../../../shared/contract/result.ts';
import { toEngineError } from '../engine/engine-errors.ts';
import { setLogLevel } from '../log/logger.ts';
import { parseCommandLine, type CliInvocation } from './cli-args.ts';
import { commandHelp, MAIN_HELP } from './cli-help.ts';
import { processIo, type CliIo } from './cli-io.ts';
import { openCliSession, type CliSession } from './cli-session.ts';
import { ENGINE_PARTS, type EngineParts } from '../engine/engine-parts.ts';
import { accountsCommand } from './commands/accounts-command.ts';
import { auditCommand } from './commands/audit-command.ts';
import { contextsCommand } from './commands/contexts-command.ts';
import { loginCommand } from './commands/login-command.ts';
import { resyncCommand } from './commands/resync-command.ts';
import { serveCommand } from './commands/serve-command.ts';
import { err, out, printJson } from './output.ts';
import { EXIT, UsageError } from './usage-error.ts';

export interface RunCliOptions {
  readonly io?: CliIo;
  readonly parts?: EngineParts;
  /** Aborted on Ctrl+C: a running command stops (a re-sync run is cancelled, not cut off). */
  readonly signal?: AbortSignal;
}

function run(session: CliSession, invocation: CliInvocation, signal: AbortSignal): Promise<number> {
  const { args, options } = invocation;
  switch (invocation.command) {
    case 'audit':
      return auditCommand(session, args, signal);
    case 'resync':
      return resyncCommand(session, args, options, signal);
    case 'accounts':
      return accountsCommand(session, args, options);
    case 'login':
      return loginCommand(session, args, options, signal);
    case 'contexts':
      return contextsCommand(session, args);
    case 'serve':
      return serveCommand(session, args, options, signal);
    case undefined:
      throw new UsageError('No command given.');
  }
}

/** Runs one command line and answers with its exit code (0 nothing to fix, 1 findings, 2 error). */
export async function runCli(argv: readonly string[], runOptions: RunCliOptions = {}): Promise<number> {
  const io = runOptions.io ?? processIo();
  const signal = runOptions.signal ?? new AbortController().signal;
  // Log lines are JSON for the app's log; on a terminal only warnings and errors belong beside the output.
  if (!io.env['GHCR_DESK_LOG_LEVEL']) setLogLevel('warn');
  let invocation: CliInvocation;
  try {
    invocation = parseCommandLine(argv);
  } catch (error) {
    err(
      io,
      `ghcr-desk: ${error instanceof Error ? error.message : String(error)}\nRun \`ghcr-desk --help\` for usage.`,
    );
    return EXIT.error;
  }
  if (!invocation.command) {
    if (invocation.options.help) {
      out(io, MAIN_HELP);
      return EXIT.ok;
    }
    err(io, MAIN_HELP);
    return EXIT.error;
  }
  if (invocation.options.help) {
    out(io, commandHelp(invocation.command));
    return EXIT.ok;
  }
  let session: CliSession | undefined;
  try {
    session = openCliSession(invocation.options, io, runOptions.parts ?? ENGINE_PARTS);
    return await run(session, invocation, signal);
  } catch (error) {
    return report(io, invocation, error);
  } finally {
    await session?.close();
  }
}

function report(io: CliIo, invocation: CliInvocation, error: unknown): number {
  if (error instanceof UsageError) {
    err(io, `ghcr-desk: ${error.message}\nRun \`ghcr-desk ${invocation.command ?? ''} --help\` for usage.`);
    return EXIT.error;
  }
  const failure = error instanceof DeskError ? error : toEngineError(error);
  if (invocation.options.json) printJson(io, { error: { code: failure.code, message: failure.message } });
  if (failure.code === 'cancelled') {
    err(io, 'ghcr-desk: interrupted.');
    return EXIT.interrupted;
  }
  err(io, `ghcr-desk: ${failure.message}`);
  return EXIT.error;
}
