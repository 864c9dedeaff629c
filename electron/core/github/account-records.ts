import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TokenHealth, TokenKind } from '../../../shared/domain/github.ts';

/** What the app remembers about an account besides its token (which only the keychain holds). */
export interface AccountRecord {
  readonly host: string;
  readonly login: string;
  /** The GitHub URL setting the account was connected through (its API derives from it). */
  readonly githubUrl: string;
  readonly tokenKind: TokenKind;
  readonly fingerprint: string;
  readonly health: TokenHealth;
  readonly addedAt: string;
  readonly updatedAt: string;
}

export interface AccountRecordStore {
  list(): Promise<AccountRecord[]>;
  put(record: AccountRecord): Promise<void>;
  delete(host: string, login: string): Promise<void>;
}

const sameAccount = (record: AccountRecord, host: string, login: string) =>
  record.host.toLowerCase() === host.toLowerCase() && record.login.toLowerCase() === login.toLowerCase();

/** Records in memory (tests, and serve mode without a profile). */
export function createMemoryAccountRecords(): AccountRecordStore {
  let records: AccountRecord[] = [];
  return {
    list: async () => [...records],
    put: async (record) => {
      records = [...records.filter((r) => !sameAccount(r, record.host, record.login)), record];
    },
    delete: async (host, login) => {
      records = records.filter((r) => !sameAccount(r, host, login));
    },
  };
}

/**
 * Records in a JSON file of the user's profile (no token in it: logins, fingerprints, health). Written to a
 * temporary file and renamed, so a crash leaves the old file or the new one, never half of one.
 */
export function createFileAccountRecords(path: string): AccountRecordStore {
  let queue: Promise<unknown> = Promise.resolve();
  const load = async (): Promise<AccountRecord[]> => {
    try {
      const parsed = JSON.parse(await readFile(path, 'utf8')) as { accounts?: AccountRecord[] };
      return Array.isArray(parsed.accounts) ? parsed.accounts : [];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new Error(`Cannot read the account list ${path}: ${(error as Error).message}`, { cause: error });
    }
  };
  const save = async (accounts: AccountRecord[]) => {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ accounts }, null, 2) + '\n', { mode: 0o600 });
    await rename(temporary, path);
  };
  // Serialized so two updates never read the same old file.
  const update = (change: (accounts: AccountRecord[]) => AccountRecord[]) => {
    const next = queue.then(async () => save(change(await load())));
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    list: load,
    put: (record) =>
      update((all) => [...all.filter((r) => !sameAccount(r, record.host, record.login)), record]),
    delete: (host, login) => update((all) => all.filter((r) => !sameAccount(r, host, login))),
  };
}
