import keytar from 'keytar';

/** The account names of every keychain item filed under `service` (never their secrets). */
export async function keychainItemNames(service: string): Promise<string[]> {
  return (await keytar.findCredentials(service)).map((item) => item.account);
}

/**
 * Deletes every item under `service`, whatever the product filed there (accounts added by a Reconnect
 * too): the sandbox's service name is its own, so nothing of the operator's is touched.
 */
export async function clearKeychainService(service: string): Promise<void> {
  for (const account of await keychainItemNames(service)) await keytar.deletePassword(service, account);
}
