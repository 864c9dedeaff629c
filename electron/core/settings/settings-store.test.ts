import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/contract/settings-schema.ts';
import { setLogSink } from '../log/logger.ts';
import { openSettingsStore, settingsFromFile } from './settings-store.ts';

let profile: string;
beforeEach(async () => {
  profile = await mkdtemp(join(tmpdir(), 'settings-'));
});

describe('settings store', () => {
  it('starts from the defaults when there is no file', () => {
    expect(openSettingsStore(profile).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('persists updates, owner-only, and reads them back in a new store', async () => {
    const store = openSettingsStore(profile);
    const seen: string[] = [];
    store.subscribe((next, previous) => seen.push(`${previous.language}->${next.language}`));
    await store.update({ language: 'zh-CN', resyncConcurrency: 8 });
    expect(seen).toEqual(['system->zh-CN']);
    expect(openSettingsStore(profile).get()).toMatchObject({ language: 'zh-CN', resyncConcurrency: 8 });
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
  });

  it('rejects an invalid patch and keeps the old settings', async () => {
    const store = openSettingsStore(profile);
    await expect(store.update({ resyncConcurrency: 0 })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(store.update({ githubUrl: 'http://github.example' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('resets only the fields that fail their schema, and drops unknown ones', () => {
    const { settings, resetFields } = settingsFromFile({
      language: 'fr',
      pullSecretName: 'my-secret',
      namespaceNamePattern: '([',
      surprise: true,
    });
    expect(resetFields.sort()).toEqual(['language', 'namespaceNamePattern']);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, pullSecretName: 'my-secret' });
  });

  it('keeps a file that is not JSON aside instead of losing it', async () => {
    await writeFile(join(profile, 'settings.json'), '{"language": "zh-CN",');
    const previous = setLogSink(() => undefined);
    try {
      expect(openSettingsStore(profile).get()).toEqual(DEFAULT_SETTINGS);
    } finally {
      setLogSink(previous);
    }
    const kept = (await readdir(profile)).filter((name) => name.startsWith('settings.json.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(profile, String(kept[0])), 'utf8')).toBe('{"language": "zh-CN",');
  });
});
