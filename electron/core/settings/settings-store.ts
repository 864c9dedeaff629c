import { join } from 'node:path';
import type { Settings } from '../../../shared/domain/app.ts';
import {
  DEFAULT_SETTINGS,
  SETTINGS_FIELDS,
  SETTINGS_PATCH_SCHEMA,
  SETTINGS_SCHEMA,
} from '../../../shared/contract/settings-schema.ts';
import { DeskError } from '../../../shared/contract/result.ts';
import { createLogger } from '../log/logger.ts';
import { readJsonFile, writeJsonFileAtomic } from './json-file.ts';

const log = createLogger('settings');

export type SettingsPatch = Partial<Settings>;

export interface SettingsStore {
  readonly path: string;
  get(): Settings;
  /** Validates, persists, then tells subscribers; resolves with the settings as stored. */
  update(patch: SettingsPatch): Promise<Settings>;
  subscribe(listener: (settings: Settings, previous: Settings) => void): () => void;
}

/**
 * Reads a settings file field by field: a field that fails its schema (hand-edited, from an older version)
 * falls back to its default alone instead of throwing away the whole file; unknown fields are dropped.
 */
export function settingsFromFile(raw: unknown): { settings: Settings; resetFields: string[] } {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const resetFields: string[] = [];
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(SETTINGS_FIELDS) as (keyof Settings)[]) {
    if (!(key in source)) {
      settings[key] = DEFAULT_SETTINGS[key];
      continue;
    }
    const parsed = SETTINGS_FIELDS[key].safeParse(source[key]);
    if (parsed.success) settings[key] = parsed.data;
    else {
      settings[key] = DEFAULT_SETTINGS[key];
      resetFields.push(key);
    }
  }
  return { settings: SETTINGS_SCHEMA.parse(settings), resetFields };
}

/**
 * Settings in `<profile>/settings.json`, validated by the contract's own zod schema. One small store
 * instead of electron-store/conf: the same code runs in Electron, the CLI and serve mode (electron-store
 * imports electron), and there is one schema language (conf would want the schema again as JSON Schema).
 */
export function openSettingsStore(profileDir: string): SettingsStore {
  const path = join(profileDir, 'settings.json');
  const content = readJsonFile(path);
  let current: Settings = DEFAULT_SETTINGS;
  if (content.kind === 'corrupt')
    log.warn('settings file was not JSON; kept aside', { keptAs: content.keptAs });
  if (content.kind === 'parsed') {
    const { settings, resetFields } = settingsFromFile(content.value);
    current = settings;
    if (resetFields.length > 0) log.warn('invalid settings reset to defaults', { fields: resetFields });
  }
  const listeners = new Set<(settings: Settings, previous: Settings) => void>();
  let writes: Promise<unknown> = Promise.resolve();

  return {
    path,
    get: () => current,
    update(patch) {
      const checked = SETTINGS_PATCH_SCHEMA.safeParse(patch);
      if (!checked.success)
        return Promise.reject(
          new DeskError('invalid-input', `Invalid settings: ${checked.error.issues[0]?.message}`),
        );
      const previous = current;
      const next = SETTINGS_SCHEMA.parse({ ...current, ...checked.data });
      current = next;
      // Writes queue up so two quick updates land in order.
      const written = writes.then(() => writeJsonFileAtomic(path, next));
      writes = written.catch(() => undefined);
      return written.then(
        () => {
          for (const listener of listeners) listener(next, previous);
          return next;
        },
        (error: unknown) => {
          current = previous;
          throw new DeskError('internal', `Could not save the settings to ${path}: ${String(error)}`);
        },
      );
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
