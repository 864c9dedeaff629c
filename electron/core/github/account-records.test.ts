import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileAccountRecords, type AccountRecord } from './account-records.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ghcr-desk-records-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const record = (login: string, updatedAt: string): AccountRecord => ({
  host: 'github.com',
  login,
  githubUrl: 'https://github.com',
  tokenKind: 'oauth',
  fingerprint: 'sha256:0123456789ab',
  health: { state: 'ok', scopes: ['repo'], missingScopes: [], checkedAt: updatedAt },
  addedAt: '2026-12-01T00:00:00.000Z',
  updatedAt,
});

describe('file account records', () => {
  it('keeps one record per host + login across concurrent updates, in a private file', async () => {
    const path = join(dir, 'profile', 'accounts.json');
    const store = createFileAccountRecords(path);
    expect(await store.list()).toEqual([]);
    await Promise.all([
      store.put(record('alice', '2026-12-02T00:00:00.000Z')),
      store.put(record('bob', '2026-12-02T00:00:00.000Z')),
      store.put(record('Alice', '2026-12-03T00:00:00.000Z')),
    ]);
    expect((await store.list()).map((r) => [r.login, r.updatedAt])).toEqual([
      ['bob', '2026-12-02T00:00:00.000Z'],
      ['Alice', '2026-12-03T00:00:00.000Z'],
    ]);
    await store.delete('github.com', 'ALICE');
    expect((await createFileAccountRecords(path).list()).map((r) => r.login)).toEqual(['bob']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('says which file it cannot read', async () => {
    const path = join(dir, 'accounts.json');
    await createFileAccountRecords(path).put(record('alice', '2026-12-02T00:00:00.000Z'));
    await rm(path);
    await writeFile(path, '{not json');
    await expect(createFileAccountRecords(path).list()).rejects.toThrow(
      `Cannot read the account list ${path}`,
    );
    expect(await readFile(path, 'utf8')).toBe('{not json');
  });
});
