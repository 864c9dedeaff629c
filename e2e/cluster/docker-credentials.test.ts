import { describe, expect, it } from 'vitest';
import {
  credentialsFor,
  PullSecretParseError,
  registryKeyMatches,
  type PullSecretLike,
} from './docker-credentials.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const dockerConfigSecret = (name: string, auths: unknown): PullSecretLike => ({
  metadata: { name, namespace: 'tenant' },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': b64(JSON.stringify({ auths })) },
});

describe('registryKeyMatches', () => {
  it.each([
    ['ghcr.io', 'ghcr.io', 'acme/web', true],
    ['https://ghcr.io', 'ghcr.io', 'acme/web', true],
    ['https://ghcr.io/v2/', 'ghcr.io', 'acme/web', true],
    ['ghcr.io/acme', 'ghcr.io', 'acme/web', true],
    ['ghcr.io/acme', 'ghcr.io', 'acmeco/web', false],
    ['ghcr.io/other', 'ghcr.io', 'acme/web', false],
    ['*.ghcr.io', 'pkg.ghcr.io', 'acme/web', true],
    ['*.ghcr.io', 'ghcr.io', 'acme/web', false],
    ['ghcr.io', 'ghcr.io:443', 'acme/web', false],
    ['127.0.0.1:5000', '127.0.0.1:5000', 'acme/web', true],
    ['127.0.0.1:5000', '127.0.0.1:5001', 'acme/web', false],
    ['https://index.docker.io/v1/', 'docker.io', 'library/nginx', true],
    ['quay.io', 'ghcr.io', 'acme/web', false],
  ])('%s vs %s/%s → %s', (key, registry, repository, expected) => {
    expect(registryKeyMatches(key, registry, repository)).toBe(expected);
  });
});

describe('credentialsFor', () => {
  it('reads username/password, and auth in preference', () => {
    const secret = dockerConfigSecret('ghcr-secret', {
      'ghcr.io': { username: 'ignored', password: 'ignored', auth: b64('octo:gho_abc') },
      'quay.io': { username: 'q', password: 'q' },
    });
    expect(credentialsFor([secret], 'ghcr.io', 'octo/web')).toEqual([
      { username: 'octo', password: 'gho_abc', source: 'tenant/ghcr-secret (ghcr.io)' },
    ]);
    const plain = dockerConfigSecret('plain', { 'ghcr.io': { username: 'octo', password: 'tok' } });
    expect(credentialsFor([plain], 'ghcr.io', 'octo/web')[0]).toMatchObject({
      username: 'octo',
      password: 'tok',
    });
  });

  it('orders by secret, then by the most specific key', () => {
    const first = dockerConfigSecret('first', {
      'ghcr.io': { username: 'broad', password: 'a' },
      'ghcr.io/octo': { username: 'narrow', password: 'b' },
    });
    const second = dockerConfigSecret('second', { 'ghcr.io': { username: 'later', password: 'c' } });
    expect(credentialsFor([first, second], 'ghcr.io', 'octo/web').map((c) => c.username)).toEqual([
      'narrow',
      'broad',
      'later',
    ]);
  });

  it('reads legacy .dockercfg and skips secrets of other types', () => {
    const legacy: PullSecretLike = {
      metadata: { name: 'legacy', namespace: 'tenant' },
      type: 'kubernetes.io/dockercfg',
      data: { '.dockercfg': b64(JSON.stringify({ 'ghcr.io': { auth: b64('old:pw') } })) },
    };
    const opaque: PullSecretLike = {
      metadata: { name: 'opaque', namespace: 'tenant' },
      type: 'Opaque',
      data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { 'ghcr.io': { auth: b64('x:y') } } })) },
    };
    expect(credentialsFor([opaque, legacy], 'ghcr.io', 'octo/web').map((c) => c.username)).toEqual(['old']);
  });

  it('fails on a secret kubelet cannot read', () => {
    expect(() => credentialsFor([dockerConfigSecret('bad', 'not-an-object')], 'ghcr.io', 'octo/web')).toThrow(
      PullSecretParseError,
    );
    expect(() =>
      credentialsFor(
        [dockerConfigSecret('bad', { 'ghcr.io': { auth: b64('no-colon') } })],
        'ghcr.io',
        'octo/web',
      ),
    ).toThrow(/not base64\("user:password"\)/);
  });
});
