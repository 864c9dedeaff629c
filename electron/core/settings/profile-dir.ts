import { homedir } from 'node:os';
import { join } from 'node:path';
import { APP_NAME } from '../../../shared/app-identity.ts';

/**
 * Where ghcr-desk keeps settings, window state and the activity log. It is the folder Electron calls
 * `userData` for an app named ghcr-desk, so the desktop app, the CLI and serve mode share one profile.
 * GHCR_DESK_PROFILE points elsewhere (the demo's throwaway profile, tests).
 */
export function defaultProfileDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env['GHCR_DESK_PROFILE'];
  if (override) return override;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env['APPDATA'] || join(home, 'AppData', 'Roaming'), APP_NAME);
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), APP_NAME);
}
