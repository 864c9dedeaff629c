import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export type JsonFileContent =
  | { readonly kind: 'missing' }
  | { readonly kind: 'parsed'; readonly value: unknown }
  /** Not JSON: the file was moved aside to `keptAs` so nothing is lost and the app can start fresh. */
  | { readonly kind: 'corrupt'; readonly keptAs: string };

/** Reads a small JSON file synchronously (settings, window state: read once at start). */
export function readJsonFile(path: string): JsonFileContent {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    return { kind: 'parsed', value: JSON.parse(text) as unknown };
  } catch {
    const keptAs = `${path}.corrupt-${Date.now()}`;
    mkdirSync(dirname(path), { recursive: true });
    renameSync(path, keptAs);
    return { kind: 'corrupt', keptAs };
  }
}

/**
 * Writes through a temporary file and a rename, so a crash mid-write leaves the old file, never half a
 * new one. Owner-only permissions: the file says which clusters and GitHub hosts the operator uses.
 */
export async function writeJsonFileAtomic(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
  await rename(temporary, path);
}
