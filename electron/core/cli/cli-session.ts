import { resolve } from 'node:path';
import type { Settings } from '../../../shared/domain/app.ts';
import { SETTINGS_FIELDS } from '../../../shared/contract/settings-schema.ts';
import { openActivityLog, type ActivityLog } from '../activity/activity-log.ts';
import { createEngineServices, type EngineServices } from '../engine/engine-services.ts';
import { accountRecordsPath, createDefaultVault } from '../engine/profile-vault.ts';
import type { EngineParts } from '../engine/engine-parts.ts';
import { systemBrowserOpener, vettedOpener } from '../engine/system-browser.ts';
import { createFileAccountRecords } from '../github/account-records.ts';
import type { BrowserOpener } from '../github/loopback-oauth.ts';
import { defaultProfileDir } from '../settings/profile-dir.ts';
import { overlaySettings } from '../settings/settings-overlay.ts';
import { openSettingsStore, type SettingsStore } from '../settings/settings-store.ts';
import type { ParsedOptions } from './cli-args.ts';
import type { CliIo } from './cli-io.ts';
import { UsageError } from './usage-error.ts';

/** One run of the CLI: its profile, settings (with the command line's overrides) and the engine. */
export interface CliSession {
  readonly io: CliIo;
  readonly json: boolean;
  readonly profileDir: string;
  readonly settingsStore: SettingsStore;
  readonly activity: ActivityLog;
  readonly parts: EngineParts;
  readonly openBrowser: BrowserOpener;
  settings(): Settings;
  /** Built on first use, so `--help` and `contexts` never touch the keychain. */
  services(): EngineServices;
  close(): Promise<void>;
}

function checkedOverride<K extends 'githubUrl' | 'registryUrl'>(
  key: K,
  flag: string,
  value: string | undefined,
): Partial<Settings> {
  if (value === undefined) return {};
  const parsed = SETTINGS_FIELDS[key].safeParse(value);
  if (!parsed.success)
    throw new UsageError(`${flag} "${value}" ${parsed.error.issues[0]?.message ?? 'is not valid'}.`);
  return { [key]: parsed.data };
}

export function openCliSession(options: ParsedOptions, io: CliIo, parts: EngineParts): CliSession {
  // `npm run cli` runs in the package folder; a relative path means the caller's folder.
  const cwd =
    io.env['npm_lifecycle_event'] === 'cli' && io.env['INIT_CWD'] ? io.env['INIT_CWD'] : process.cwd();
  const overrides: Partial<Settings> = {
    ...(options.kubeconfig !== undefined ? { kubeconfigPath: resolve(cwd, options.kubeconfig) } : {}),
    ...(options.context !== undefined ? { kubeContext: options.context } : {}),
    ...checkedOverride('githubUrl', '--github-url', options['github-url']),
    ...checkedOverride('registryUrl', '--registry-url', options['registry-url']),
  };
  const profileDir = options.profile ? resolve(cwd, options.profile) : defaultProfileDir(io.env);
  const settingsStore = overlaySettings(openSettingsStore(profileDir), overrides);
  const activity = openActivityLog(profileDir);
  const settings = () => settingsStore.get();
  const open = systemBrowserOpener(io.env);
  // The URL is printed as well: on a machine without a browser it is the way to log in.
  const openBrowser = vettedOpener(
    async (url) => {
      io.stderr.write(`Opening the browser for the GitHub login. If it does not open, visit:\n  ${url}\n`);
      await open(url).catch((error: unknown) =>
        io.stderr.write(
          `(${error instanceof Error ? error.message : String(error)}; open the URL above yourself)\n`,
        ),
      );
    },
    () => settings().githubUrl,
  );
  let services: EngineServices | undefined;
  return {
    io,
    json: options.json === true,
    profileDir,
    settingsStore,
    activity,
    parts,
    openBrowser,
    settings,
    services() {
      services ??= createEngineServices({
        settings,
        vault: createDefaultVault(io.env),
        records: createFileAccountRecords(accountRecordsPath(profileDir)),
        openBrowser,
        activity,
      });
      return services;
    },
    async close() {
      await services?.close();
    },
  };
}
