import type { KeychainStatus } from '../../../shared/domain/app.ts';
import { APP_NAME } from '../../../shared/app-identity.ts';
import { describeError } from '../log/secret-redactor.ts';

/** What to do when the keychain is not there, per platform (the banner shows it). */
export function keychainAdvice(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'linux')
    return 'Start a Secret Service (gnome-keyring or KWallet) in your desktop session and unlock it, then retry. On a headless machine run ghcr-desk inside `dbus-run-session` with gnome-keyring unlocked. ghcr-desk never stores tokens in plain files.';
  if (platform === 'darwin') return 'Unlock the login keychain (Keychain Access), then retry.';
  return 'Make sure Windows Credential Manager is available for your user, then retry.';
}

/**
 * Can the OS keychain be used? One harmless lookup through keytar. On Linux without a Secret Service it
 * fails with "Cannot autolaunch D-Bus without X11 $DISPLAY" or similar; the banner says what to do.
 */
export async function probeKeychain(): Promise<KeychainStatus> {
  try {
    const keytar = await import('keytar');
    await (keytar.default ?? keytar).findCredentials(APP_NAME);
    return { available: true };
  } catch (error) {
    return { available: false, problem: `${describeError(error)}. ${keychainAdvice()}` };
  }
}
