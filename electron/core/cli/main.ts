import { DeskError } from '../../../shared/contract/result.ts';
import { toEngineError } from '../engine/engine-errors.ts';
import { setLogLevel } from '../log/logger.ts';
import { parseCommandLine, type CliInvocation } from './cli-args.ts';
import { commandHelp, MAIN_HELP } from './cli-help.ts';
import { processIo, type CliIo } from './cli-io.ts';
import type { CliSession } from './cli-session.ts';
import type { EngineParts } from '../engine/engine-parts.ts';
import { err, out, printJson } from './output.ts';
import { EXIT, UsageError } from './usage-error.ts';

export interface RunCliOptions {
  readonly io?: CliIo;
  readonly parts?: EngineParts;
  /** Aborted on Ctrl+C: a running command stops (a re-sync run is cancelled, not cut off). */
  readonly signal?: AbortSignal;
}

// Commands load on demand: a usage error or --help answers without loading the kube client, Octokit and
// the keychain module.
async function run(session: CliSession, invocation: CliInvocation, signal: AbortSignal): Promise<number> {
  const { args, options } = invocation;
  switch (invocation.command) {
    case 'audit':
      return (await import('./commands/audit-command.ts')).auditCommand(session, args, signal);
    case 'resync':
      return (await import('./commands/resync-command.ts')).resyncCommand(session, args, options, signal);
    case 'accounts':
      return (await import('./commands/accounts-command.ts')).accountsCommand(session, args, options);
    case 'login':
      return (await import('./commands/login-command.ts')).loginCommand(session, args, options, signal);
    case 'contexts':
      return (await import('./commands/contexts-command.ts')).contextsCommand(session, args);
    case 'serve':
      return (await import('./commands/serve-command.ts')).serveCommand(session, args, options, signal);
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
    const { openCliSession } = await import('./cli-session.ts');
    const parts = runOptions.parts ?? (await import('../engine/engine-parts.ts')).ENGINE_PARTS;
    session = openCliSession(invocation.options, io, parts);
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
