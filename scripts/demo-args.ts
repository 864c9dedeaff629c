import { parseArgs } from 'node:util';

export interface DemoOptions {
  /** Serve mode in the browser even where the desktop app could run. */
  readonly serve: boolean;
  /** Serve mode without opening a browser: the URL is printed (remote or scripted use). */
  readonly open: boolean;
  /** Serve mode's port on 127.0.0.1 (0: any free one). */
  readonly port: number;
}

export type DemoCommand = { readonly kind: 'run'; readonly options: DemoOptions } | { readonly kind: 'help' };

export const DEMO_USAGE = `Usage: npm run demo [-- options]

Starts a throwaway Kubernetes control plane, a stand-in GitHub and ghcr with 30 sample tenants, and opens
ghcr-desk on them (the desktop app where it can run, else the panel in the browser). Ctrl+C stops it all.

Options:
  --serve     the panel in the browser (serve mode) even where the desktop app could run
  --no-open   serve mode, print the panel's URL instead of opening a browser
  --port N    serve mode on 127.0.0.1:N (default: any free port)
  --help      this text`;

/** A command line the demo cannot run; the message names the problem and the way out. */
export class DemoUsageError extends Error {
  constructor(problem: string) {
    super(`ghcr-desk demo: ${problem}. Run \`npm run demo -- --help\` for the options.`);
    this.name = 'DemoUsageError';
  }
}

export function parseDemoArgs(argv: readonly string[]): DemoCommand {
  let values: { serve?: boolean; 'no-open'?: boolean; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        serve: { type: 'boolean' },
        'no-open': { type: 'boolean' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // node's messages are long and talk about positionals; say which argument is wrong, plainly.
    const code = (error as { code?: string }).code;
    const quoted = /'([^']+)'/.exec((error as Error).message)?.[1] ?? argv.join(' ');
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new DemoUsageError(`unknown option ${quoted}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new DemoUsageError(`unexpected argument ${quoted}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = quoted.split(' ')[0] ?? quoted;
      throw new DemoUsageError(
        /does not take/.test((error as Error).message)
          ? `${option} takes no value`
          : `${option} needs a value`,
      );
    }
    throw new DemoUsageError((error as Error).message);
  }
  if (values.help) return { kind: 'help' };
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535)
    throw new DemoUsageError(`--port must be a port number (0-65535), not "${values.port}"`);
  const open = !values['no-open'];
  return {
    kind: 'run',
    options: { serve: Boolean(values.serve) || !open || values.port !== undefined, open, port },
  };
}
