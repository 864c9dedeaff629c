/** A command line the CLI cannot run: the message says what is wrong and how to ask for help. Exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes, as scripts rely on them. */
export const EXIT = {
  /** Nothing to fix. */
  ok: 0,
  /** Findings, or items that failed. */
  findings: 1,
  /** Usage or environment error (nothing was changed). */
  error: 2,
  /** Interrupted (Ctrl+C). */
  interrupted: 130,
} as const;
