import { describe, expect, it } from 'vitest';
import { translateKeychainError } from './keytar-vault.ts';
import { VaultUnavailableError } from './token-vault.ts';

describe('translateKeychainError', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', /no D-Bus session bus/],
    ['Could not connect: No such file or directory', /does not answer/],
    ['The name org.freedesktop.secrets was not provided by any .service files', /no Secret Service/],
    ['Cannot create an item in a locked collection', /locked/],
  ])('explains "%s" and what to do', (raw, reason) => {
    const error = translateKeychainError(new Error(raw));
    expect(error).toBeInstanceOf(VaultUnavailableError);
    expect(error.message).toMatch(reason);
    expect(error.message).toContain(raw);
    expect(error.message).toMatch(/never writes them to disk in plaintext/);
    expect(error.message).toMatch(/gnome-keyring/);
  });

  it('keeps other failures as plain keychain errors', () => {
    const error = translateKeychainError(new Error('Password too long'));
    expect(error).not.toBeInstanceOf(VaultUnavailableError);
    expect(error.message).toBe('The OS keychain refused the operation: Password too long');
  });
});
