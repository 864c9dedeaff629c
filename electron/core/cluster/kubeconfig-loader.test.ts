import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeError } from '../log/secret-redactor.ts';
import { activeContextName, kubeconfigFiles, listKubeContexts, loadKubeconfig } from './kubeconfig-loader.ts';

export const userToken = 'kube-static-token-0123456789abcdef';

/** A kubeconfig for tests; plain-http test servers need insecure-skip-tls-verify (client-node insists). */
export function kubeconfigYaml(server: string, extraContext = false): string {
  return `apiVersion: v1
kind: Config
current-context: main
clusters:
  - name: k3s
    cluster: { server: "${server}", insecure-skip-tls-verify: ${server.startsWith('http:')} }
users:
  - name: admin
    user: { token: "${userToken}" }
contexts:
  - name: main
    context: { cluster: k3s, user: admin, namespace: default }
${extraContext ? '  - name: other\n    context: { cluster: k3s, user: admin }\n' : ''}`;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubeconfig-'));
});

describe('kubeconfig loader', () => {
  it('follows kubectl: setting, then $KUBECONFIG, then ~/.kube/config', async () => {
    const a = join(dir, 'a.yaml');
    await writeFile(a, kubeconfigYaml('https://127.0.0.1:6443'));
    expect(kubeconfigFiles('/explicit', { KUBECONFIG: a }, dir)).toEqual(['/explicit']);
    expect(kubeconfigFiles('', { KUBECONFIG: [a, join(dir, 'missing')].join(delimiter) }, dir)).toEqual([a]);
    await mkdir(join(dir, '.kube'));
    await writeFile(join(dir, '.kube', 'config'), kubeconfigYaml('https://127.0.0.1:6443'));
    expect(kubeconfigFiles('', {}, dir)).toEqual([join(dir, '.kube', 'config')]);
  });

  it('says clearly when there is no kubeconfig, or it is broken', async () => {
    expect(() => loadKubeconfig('', {}, dir + '/nohome')).toThrow(/No kubeconfig found|cannot be read/);
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'clusters: [ {');
    expect(() => loadKubeconfig(broken)).toThrow(expect.objectContaining({ code: 'kubeconfig-invalid' }));
    expect(() => loadKubeconfig(join(dir, 'nope.yaml'))).toThrow(/does not exist/);
  });

  it('lists contexts with names and servers only, and remembers static credentials for redaction', async () => {
    const file = join(dir, 'config.yaml');
    await writeFile(file, kubeconfigYaml('https://10.0.0.1:6443', true));
    const loaded = loadKubeconfig(file);
    const list = listKubeContexts(loaded, '');
    expect(list).toEqual({
      source: file,
      active: 'main',
      kubeconfigCurrent: 'main',
      contexts: [
        {
          name: 'main',
          cluster: 'k3s',
          server: 'https://10.0.0.1:6443',
          user: 'admin',
          namespace: 'default',
        },
        { name: 'other', cluster: 'k3s', server: 'https://10.0.0.1:6443', user: 'admin' },
      ],
    });
    expect(JSON.stringify(list)).not.toContain(userToken);
    expect(describeError(new Error(`401 with ${userToken}`))).not.toContain(userToken);
    expect(listKubeContexts(loaded, 'other').active).toBe('other');
    expect(activeContextName(loaded.kubeConfig, 'other')).toBe('other');
    expect(() => activeContextName(loaded.kubeConfig, 'gone')).toThrow(/not in the kubeconfig/);
  });
});
