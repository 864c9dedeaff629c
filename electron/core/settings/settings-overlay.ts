import type { Settings } from '../../../shared/domain/app.ts';
import type { SettingsStore } from './settings-store.ts';

/**
 * The profile's settings with some fields fixed for this process (the CLI's --kubeconfig, --context,
 * --github-url, --registry-url): reads see the overrides, writes go to the file underneath, so a
 * command-line flag never changes what the desktop app uses.
 */
export function overlaySettings(base: SettingsStore, overrides: Partial<Settings>): SettingsStore {
  const apply = (settings: Settings): Settings => ({ ...settings, ...overrides });
  return {
    path: base.path,
    get: () => apply(base.get()),
    update: async (patch) => apply(await base.update(patch)),
    subscribe: (listener) => base.subscribe((next, previous) => listener(apply(next), apply(previous))),
  };
}
