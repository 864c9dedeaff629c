import { describe, expect, it } from 'vitest';
import { DEMO_LOGINS, DEMO_TENANTS } from '../e2e/sandbox/tenant-catalog.ts';
import { demoGuide } from './demo-guide.ts';

const guide = demoGuide({
  tenants: DEMO_TENANTS.map((t) => ({ ...t, image: `127.0.0.1:5000/${t.repository}:${t.tag}` })),
  logins: DEMO_LOGINS,
  oauthApp: { name: 'ghcr-desk demo', clientId: 'Ov23liexample' },
  githubUrl: 'http://127.0.0.1:4000',
  registryUrl: 'http://127.0.0.1:5000',
  registryHost: '127.0.0.1:5000',
  kubectl: '/cache/kubectl',
  kubeconfigPath: '/tmp/cp/admin.kubeconfig',
  profileDir: '/tmp/ghcr-desk-sandbox-x',
  keychainService: 'ghcr-desk-sandbox-abc',
});

describe('the demo guide', () => {
  it('names every tenant under its kind, with the owner', () => {
    for (const tenant of DEMO_TENANTS)
      expect(guide).toContain(`${tenant.namespace.replace(/^project-/, '')} (${tenant.owner})`);
    expect(guide).toMatch(/missing-scopes\s+7\s+the seed’s bug/);
  });

  it('says whom to reconnect, where, and how the consent page works', () => {
    expect(guide).toContain('Accounts › huang-min › Reconnect');
    expect(guide).toContain('click "Authorize ghcr-desk demo"');
    expect(guide).toContain('3 pull secrets');
    expect(guide).toContain('Also on Accounts: zhou-tao, ma-rui.');
    expect(guide).toContain('Owners never connected here (wu-hao, xu-ling, sun-qi, gao-yan)');
  });

  it('says where the sandbox’s parts are', () => {
    expect(guide).toContain('/cache/kubectl --kubeconfig /tmp/cp/admin.kubeconfig get pods -A');
    expect(guide).toContain('http://127.0.0.1:4000');
    expect(guide).toContain('keychain service ghcr-desk-sandbox-abc');
  });
});
