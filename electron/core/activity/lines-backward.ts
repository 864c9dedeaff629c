import type { FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a; // never part of a UTF-8 multi-byte sequence, so splitting bytes on it is safe

export interface LineAt {
  readonly text: string;
  /** Byte offset of the line's first byte in the file. */
  readonly offset: number;
}

/** The lines of a file that end before `end`, newest (last) first, reading 64 KiB at a time from the end. */
export async function* linesBackward(handle: FileHandle, end: number): AsyncGenerator<LineAt> {
  let position = end;
  let tail: Buffer = Buffer.alloc(0); // bytes after the last newline seen so far (a line still being read)
  while (position > 0) {
    const start = Math.max(0, position - CHUNK_BYTES);
    const chunk = Buffer.alloc(position - start);
    await handle.read(chunk, 0, chunk.length, start);
    let buffer = Buffer.concat([chunk, tail]);
    let cut = buffer.lastIndexOf(NEWLINE);
    let lineEnd = buffer.length;
    while (cut !== -1) {
      if (lineEnd > cut + 1)
        yield { text: buffer.subarray(cut + 1, lineEnd).toString('utf8'), offset: start + cut + 1 };
      lineEnd = cut;
      cut = cut === 0 ? -1 : buffer.lastIndexOf(NEWLINE, cut - 1);
    }
    buffer = buffer.subarray(0, lineEnd);
    tail = buffer;
    position = start;
  }
  if (tail.length > 0) yield { text: tail.toString('utf8'), offset: 0 };
}
