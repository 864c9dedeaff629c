import { redactSecrets } from '../log/secret-redactor.ts';
import type { CliIo } from './cli-io.ts';

/** Everything the CLI prints passes the redactor: no token reaches a terminal, a pipe or a CI log. */
export function out(io: CliIo, text: string): void {
  io.stdout.write(redactSecrets(text.endsWith('\n') ? text : `${text}\n`));
}

export function err(io: CliIo, text: string): void {
  io.stderr.write(redactSecrets(text.endsWith('\n') ? text : `${text}\n`));
}

export function printJson(io: CliIo, value: unknown): void {
  out(io, JSON.stringify(value, null, 2));
}

/** Columns padded to their widest cell; the last column is not padded. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
