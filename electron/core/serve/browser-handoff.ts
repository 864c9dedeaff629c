import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BrowserHandoff {
  /** A file:// page only this user can read, which forwards the browser to the tokened URL. */
  readonly path: string;
  remove(): Promise<void>;
}

/**
 * Jupyter's trick: the browser is opened on a private file that redirects to the serve URL, so the token
 * never appears in a process list (`ps` shows the opener's arguments to every user of the machine).
 */
export async function writeBrowserHandoff(url: string): Promise<BrowserHandoff> {
  const dir = await mkdtemp(join(tmpdir(), 'ghcr-desk-open-'));
  const path = join(dir, 'open.html');
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  await writeFile(
    path,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${escaped}"><title>ghcr-desk</title><p>Opening ghcr-desk…</p>\n`,
    { mode: 0o600 },
  );
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
