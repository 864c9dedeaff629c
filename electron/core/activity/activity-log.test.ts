import { appendFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../../shared/domain/app.ts';
import { createEventHub } from '../contract/event-hub.ts';
import { openActivityLog, type NewActivity } from './activity-log.ts';

const activity = (index: number): NewActivity => ({
  context: 'k3s',
  action: 'resync',
  namespaces: [`project-${index}-prod`],
  outcome: 'succeeded',
  // Long summaries push entries across the reader's 64 KiB chunks.
  summary: `run ${index} ${'x'.repeat(900)}`,
});

let profile: string;
beforeEach(async () => {
  profile = await mkdtemp(join(tmpdir(), 'activity-'));
});

describe('activity log', () => {
  it('is empty before anything was written', async () => {
    expect(await openActivityLog(profile).list(10)).toEqual({ entries: [], unreadableLines: 0 });
  });

  it('appends entries, announces them and pages newest first across chunk boundaries', async () => {
    const events = createEventHub();
    const announced: string[] = [];
    events.subscribe((event) => announced.push(event.name));
    const log = openActivityLog(profile, events);
    for (let index = 0; index < 250; index += 1) await log.append(activity(index));
    expect(announced).toHaveLength(250);

    const seen: ActivityEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await log.list(70, cursor);
      seen.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((entry) => entry.namespaces[0])).toEqual(
      Array.from({ length: 250 }, (_, index) => `project-${249 - index}-prod`),
    );
    expect(seen[0]).toMatchObject({ action: 'resync', outcome: 'succeeded', context: 'k3s' });
    expect(seen[0]?.actor).toContain('@');
  });

  it('skips and counts lines it cannot read', async () => {
    const log = openActivityLog(profile);
    await log.append(activity(1));
    await appendFile(log.path, '{"half": \n');
    await log.append(activity(2));
    const page = await log.list(10);
    expect(page.entries).toHaveLength(2);
    expect(page.unreadableLines).toBe(1);
  });

  it('never writes a token, even one passed in a summary by mistake', async () => {
    const log = openActivityLog(profile);
    const token = 'ghp_' + 'Zz9'.repeat(12);
    const entry = await log.append({ ...activity(1), summary: `used ${token}` });
    expect(entry.summary).toBe('used [redacted]');
  });

  it('refuses a cursor that does not point into the log', async () => {
    const log = openActivityLog(profile);
    await log.append(activity(1));
    await expect(log.list(10, '999999')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(log.list(10, 'abc')).rejects.toMatchObject({ code: 'invalid-input' });
  });
});
