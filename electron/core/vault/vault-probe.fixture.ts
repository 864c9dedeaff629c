// Child process of keytar-vault.integration.test.ts: tries to store a token with whatever D-Bus the
// environment gives it and prints the outcome as JSON (the test runs it outside the keyring session).
import { createKeytarVault } from './keytar-vault.ts';

const vault = createKeytarVault({ service: 'ghcr-desk-probe' });
try {
  await vault.setToken({ host: 'github.com', login: 'probe' }, 'gho_probeprobeprobeprobeprobe');
  await vault.deleteToken({ host: 'github.com', login: 'probe' });
  console.log(JSON.stringify({ stored: true, name: '', message: '' }));
} catch (error) {
  const { name, message } = error as Error;
  console.log(JSON.stringify({ stored: false, name, message }));
}
