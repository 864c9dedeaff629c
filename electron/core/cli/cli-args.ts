import { parseArgs, type ParseArgsConfig } from 'node:util';
import { redactSecrets, rememberSecret } from '../log/secret-redactor.ts';
import { UsageError } from './usage-error.ts';

export const COMMANDS = ['audit', 'resync', 'accounts', 'login', 'contexts', 'serve'] as const;
export type Command = (typeof COMMANDS)[number];

const OPTIONS = {
  // global
  json: { type: 'boolean' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  'github-url': { type: 'string' },
  'registry-url': { type: 'string' },
  profile: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  // resync
  owner: { type: 'string' },
  namespace: { type: 'string', multiple: true },
  all: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  concurrency: { type: 'string' },
  restart: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  force: { type: 'boolean' },
  'allow-recreate': { type: 'boolean' },
  // accounts add
  'allow-missing-scopes': { type: 'boolean' },
  // login
  login: { type: 'string' },
  // serve
  port: { type: 'string' },
  open: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

type OptionName = keyof typeof OPTIONS;
export type ParsedOptions = ReturnType<typeof parse>['values'];

const GLOBAL: readonly OptionName[] = [
  'json',
  'kubeconfig',
  'context',
  'github-url',
  'registry-url',
  'profile',
  'help',
];
const PER_COMMAND: Record<Command, readonly OptionName[]> = {
  audit: [],
  resync: [
    'owner',
    'namespace',
    'all',
    'dry-run',
    'concurrency',
    'restart',
    'yes',
    'force',
    'allow-recreate',
  ],
  accounts: ['allow-missing-scopes'],
  login: ['login'],
  contexts: [],
  serve: ['port', 'open'],
};

export interface CliInvocation {
  /** Undefined for `ghcr-desk` alone or `ghcr-desk --help`. */
  readonly command?: Command;
  /** Positionals after the command (`accounts add`, `contexts use NAME`). */
  readonly args: readonly string[];
  readonly options: ParsedOptions;
}

const TOKEN_SHAPE = /(?:^|[=:\s])(gh[pousr]_[A-Za-z0-9_]{8,}|github_pat_[A-Za-z0-9_]{8,})/;

/**
 * A token must never be an argument: it would stay in the shell history and show in `ps` to every user of
 * the machine. Anything shaped like one (or a --token flag) is refused before parsing, so not even the
 * parser's error message can repeat it.
 */
function refuseTokens(argv: readonly string[]): void {
  for (const arg of argv) {
    const match = TOKEN_SHAPE.exec(arg);
    if (match?.[1]) rememberSecret(match[1]);
    if (match || arg === '--token' || arg.startsWith('--token=') || arg === '-t')
      throw new UsageError(
        'ghcr-desk never takes a token as an argument: it would stay in your shell history and be visible in `ps`. ' +
          'Pipe it on stdin instead (`ghcr-desk accounts add < token.txt`), or use `ghcr-desk login`. ' +
          'If that token was typed on this command line, consider it exposed and revoke it on GitHub.',
      );
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
}

/** Parses the command line; a UsageError says what is wrong (unknown command or option, a token…). */
export function parseCommandLine(argv: readonly string[]): CliInvocation {
  refuseTokens(argv);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    const message = redactSecrets(error instanceof Error ? error.message : String(error));
    throw new UsageError(`${message.replace(/\. To specify a positional argument.*$/s, '.')}`);
  }
  const [first, ...args] = parsed.positionals;
  if (first !== undefined && !(COMMANDS as readonly string[]).includes(first))
    throw new UsageError(`Unknown command "${first}". Commands: ${COMMANDS.join(', ')}.`);
  const command = first as Command | undefined;
  const allowed = new Set<string>([...GLOBAL, ...(command ? PER_COMMAND[command] : [])]);
  for (const token of parsed.tokens) {
    if (token.kind === 'option' && !allowed.has(token.name))
      throw new UsageError(
        command
          ? `The option --${token.name} does not apply to "${command}". See \`ghcr-desk ${command} --help\`.`
          : `The option --${token.name} needs a command. See \`ghcr-desk --help\`.`,
      );
  }
  return { ...(command ? { command } : {}), args, options: parsed.values };
}

/** A positive integer option, or a UsageError naming it. */
export function integerOption(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${value}".`);
  return number;
}
