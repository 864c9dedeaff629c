/** Where the CLI reads and writes; a value so commands can be run in-process by tests too. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  readonly stdinIsTty: boolean;
  readonly stderrIsTty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    stdinIsTty: process.stdin.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    env: process.env,
  };
}

/** Reads all of stdin (a piped token file), bounded: a token is short, a mistaken pipe may not be. */
export async function readAllStdin(io: CliIo, maxBytes = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > maxBytes) throw new Error(`stdin holds more than ${maxBytes} bytes; expected one token`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks on the terminal without echoing what is typed (a token). */
export function promptHidden(io: CliIo, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    io.stderr.write(question);
    const stdin = io.stdin;
    stdin.setRawMode?.(true);
    stdin.resume();
    let value = '';
    const finish = (result: string | Error) => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      io.stderr.write('\n');
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (data: Buffer | string) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(value);
        if (char === '\u0003') return finish(new Error('interrupted'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** A yes/no question on the terminal; only "y" or "yes" agrees. */
export function confirm(io: CliIo, question: string): Promise<boolean> {
  return new Promise((resolve) => {
    io.stderr.write(`${question} [y/N] `);
    const stdin = io.stdin;
    stdin.resume();
    const onData = (data: Buffer | string) => {
      stdin.pause();
      stdin.removeListener('data', onData);
      resolve(/^\s*y(es)?\s*$/i.test(data.toString('utf8')));
    };
    stdin.on('data', onData);
  });
}

/** One line of progress on stderr, rewritten in place; silent when stderr is not a terminal. */
export function createProgressLine(io: CliIo): { update(text: string): void; end(): void } {
  let shown = false;
  return {
    update(text) {
      if (!io.stderrIsTty) return;
      io.stderr.write(`\r\u001b[K${text}`);
      shown = true;
    },
    end() {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}
