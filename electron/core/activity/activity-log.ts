import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, open } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { ActivityEntry, ActivityPage } from '../../../shared/domain/app.ts';
import { DeskError } from '../../../shared/contract/result.ts';
import type { EventHub } from '../contract/event-hub.ts';
import { redactSecrets } from '../log/secret-redactor.ts';
import { linesBackward } from './lines-backward.ts';

const ENTRY_SCHEMA = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  context: z.string(),
  action: z.enum(['resync', 'restart', 'reconnect', 'add-reference']),
  namespaces: z.array(z.string()),
  outcome: z.enum(['succeeded', 'partial', 'failed', 'cancelled']),
  summary: z.string(),
}) satisfies z.ZodType<ActivityEntry>;

export type NewActivity = Omit<ActivityEntry, 'id' | 'at' | 'actor'>;

export interface ActivityLog {
  readonly path: string;
  /** Appends one change the app made to a cluster; the line is redacted before it is written. */
  append(activity: NewActivity): Promise<ActivityEntry>;
  /** Newest first; `cursor` is the `nextCursor` of the previous page. */
  list(limit: number, cursor?: string): Promise<ActivityPage>;
}

function currentActor(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return hostname();
  }
}

/**
 * The activity log: `<profile>/activity.jsonl`, one JSON object per line, appended and never rewritten.
 * Pages are read backwards from the end of the file, so a long history costs nothing to open.
 */
export function openActivityLog(profileDir: string, events?: EventHub): ActivityLog {
  const path = join(profileDir, 'activity.jsonl');
  let appends: Promise<unknown> = Promise.resolve();

  return {
    path,
    append(activity) {
      const entry: ActivityEntry = ENTRY_SCHEMA.parse(
        JSON.parse(
          redactSecrets(
            JSON.stringify({
              id: randomUUID(),
              at: new Date().toISOString(),
              actor: currentActor(),
              ...activity,
            }),
          ),
        ),
      );
      const written = appends.then(async () => {
        await mkdir(profileDir, { recursive: true, mode: 0o700 });
        await appendFile(path, JSON.stringify(entry) + '\n', { mode: 0o600 });
      });
      appends = written.catch(() => undefined);
      return written.then(() => {
        events?.emit('onActivityAppended', entry);
        return entry;
      });
    },
    async list(limit, cursor) {
      let handle;
      try {
        handle = await open(path, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], unreadableLines: 0 };
        throw error;
      }
      try {
        const size = (await handle.stat()).size;
        const end = cursor === undefined ? size : Number(cursor);
        if (!Number.isSafeInteger(end) || end < 0 || end > size)
          throw new DeskError('invalid-input', 'The activity cursor does not point into the log.');
        const entries: ActivityEntry[] = [];
        let unreadableLines = 0;
        let oldestOffset = end;
        for await (const line of linesBackward(handle, end)) {
          if (entries.length === limit) break;
          oldestOffset = line.offset;
          let parsed;
          try {
            parsed = ENTRY_SCHEMA.safeParse(JSON.parse(line.text));
          } catch {
            parsed = undefined;
          }
          if (parsed?.success) entries.push(parsed.data);
          else unreadableLines += 1;
        }
        return {
          entries,
          unreadableLines,
          ...(oldestOffset > 0 && entries.length === limit ? { nextCursor: String(oldestOffset) } : {}),
        };
      } finally {
        await handle.close();
      }
    },
  };
}
