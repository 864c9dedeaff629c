import { readFile, writeFile } from 'node:fs/promises';

export interface KubeconfigUser {
  /** Context and user name inside the file. */
  readonly name: string;
  readonly certFile: string;
  readonly keyFile: string;
}

const base64 = async (file: string) => (await readFile(file)).toString('base64');

/**
 * Writes a kubeconfig with the certificates embedded (`*-data`), so the file stays valid when copied
 * elsewhere and works with every client (kubectl, @kubernetes/client-node, the product).
 * The first user's context is the current one. Mode 0600: it holds private keys.
 */
export async function writeKubeconfig(
  path: string,
  cluster: { readonly name: string; readonly server: string; readonly caFile: string },
  users: readonly KubeconfigUser[],
): Promise<void> {
  const ca = await base64(cluster.caFile);
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${cluster.name}`,
    '  cluster:',
    `    server: ${cluster.server}`,
    `    certificate-authority-data: ${ca}`,
    'users:',
  ];
  for (const user of users) {
    lines.push(
      `- name: ${user.name}`,
      '  user:',
      `    client-certificate-data: ${await base64(user.certFile)}`,
      `    client-key-data: ${await base64(user.keyFile)}`,
    );
  }
  lines.push('contexts:');
  for (const user of users) {
    lines.push(
      `- name: ${user.name}`,
      '  context:',
      `    cluster: ${cluster.name}`,
      `    user: ${user.name}`,
    );
  }
  lines.push(`current-context: ${users[0]?.name ?? ''}`, 'preferences: {}', '');
  await writeFile(path, lines.join('\n'), { mode: 0o600 });
}
