import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { writeBrowserHandoff } from './browser-handoff.ts';

describe('browser handoff', () => {
  it('writes an owner-only page that forwards to the tokened URL, and removes it', async () => {
    const url = 'http://127.0.0.1:4321/#token=abc_DEF-123';
    const handoff = await writeBrowserHandoff(url);
    expect((await stat(handoff.path)).mode & 0o777).toBe(0o600);
    expect(await readFile(handoff.path, 'utf8')).toContain(`content="0;url=${url}"`);
    await handoff.remove();
    await expect(stat(handoff.path)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
