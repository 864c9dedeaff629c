import { describe, expect, it } from 'vitest';
import type { SecretObject } from '../kube-objects.ts';
import { readPullSecret } from './pull-secret-content.ts';
import { mintTokenValue } from '../../../../e2e/github/token-shapes.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const secret = (dockerconfig: unknown, type = 'kubernetes.io/dockerconfigjson'): SecretObject => ({
  metadata: { name: 'ghcr-secret', namespace: 'project-a' },
  type,
  data: {
    '.dockerconfigjson': b64(typeof dockerconfig === 'string' ? dockerconfig : JSON.stringify(dockerconfig)),
  },
});
const TOKEN = mintTokenValue('oauth');

describe('readPullSecret', () => {
  it('reads username and token of the registry entry and keeps the other registries', () => {
    const content = readPullSecret(
      secret({
        auths: {
          'ghcr.io': { username: 'alice', password: TOKEN, auth: b64(`alice:${TOKEN}`) },
          'docker.io': { auth: b64('bob:x') },
        },
      }),
      'ghcr.io',
    );
    expect(content).toEqual({
      kind: 'ok',
      key: 'ghcr.io',
      username: 'alice',
      password: TOKEN,
      otherRegistries: ['docker.io'],
    });
  });

  it('reads an entry with only auth as kubelet does, and accepts a scheme and /v2/ path in the key', () => {
    expect(
      readPullSecret(
        secret({ auths: { 'https://GHCR.io/v2/': { auth: b64(`alice:${TOKEN}`) } } }),
        'ghcr.io',
      ),
    ).toMatchObject({ kind: 'ok', username: 'alice', password: TOKEN });
  });

  it('prefers the bare host entry over a path-scoped one', () => {
    const content = readPullSecret(
      secret({
        auths: {
          'ghcr.io/acme': { username: 'bob', password: 'ghp_bobbobbobbobbobbob' },
          'ghcr.io': { username: 'alice', password: TOKEN },
        },
      }),
      'ghcr.io',
    );
    expect(content).toMatchObject({ kind: 'ok', key: 'ghcr.io', username: 'alice' });
  });

  it('calls another type wrong-type, whatever the data', () => {
    expect(readPullSecret({ metadata: { name: 's' }, type: 'Opaque', data: {} }, 'ghcr.io')).toMatchObject({
      kind: 'wrong-type',
      type: 'Opaque',
    });
    expect(readPullSecret(secret({ auths: {} }, 'kubernetes.io/dockercfg'), 'ghcr.io').kind).toBe(
      'wrong-type',
    );
  });

  it.each([
    [
      'no .dockerconfigjson key',
      { metadata: { name: 's' }, type: 'kubernetes.io/dockerconfigjson', data: {} },
      /no \.dockerconfigjson/,
    ],
    ['not JSON', secret('{"auths": '), /not JSON/],
    ['JSON null', secret('null'), /no "auths"/],
    ['no auths', secret({ credsStore: 'x' }), /no "auths"/],
    ['auths is an array', secret({ auths: [] }), /no "auths"/],
    [
      'no entry for the registry',
      secret({ auths: { 'quay.io': { auth: b64('a:b') } } }),
      /no entry for ghcr\.io \(only for quay\.io\)/,
    ],
    ['entry is a string', secret({ auths: { 'ghcr.io': 'alice' } }), /not an object/],
    ['auth is not base64', secret({ auths: { 'ghcr.io': { auth: '%%%not-base64%%%' } } }), /not base64/],
    [
      'auth decodes to bytes that are not text',
      secret({ auths: { 'ghcr.io': { auth: Buffer.from([0xff, 0xfe, 0x3a, 0x80]).toString('base64') } } }),
      /not base64/,
    ],
    [
      'auth without a colon',
      secret({ auths: { 'ghcr.io': { auth: b64('alice') } } }),
      /not base64 of "login:token"/,
    ],
    [
      'empty password',
      secret({ auths: { 'ghcr.io': { username: 'alice', password: '' } } }),
      /empty password/,
    ],
    ['empty token in auth', secret({ auths: { 'ghcr.io': { auth: b64('alice:') } } }), /empty password/],
    ['no username', secret({ auths: { 'ghcr.io': { password: TOKEN } } }), /empty username/],
    ['neither auth nor credentials', secret({ auths: { 'ghcr.io': {} } }), /neither/],
    [
      'auth disagrees with password',
      secret({
        auths: { 'ghcr.io': { username: 'alice', password: TOKEN, auth: b64('alice:other-token-value') } },
      }),
      /disagrees/,
    ],
  ])('calls %s malformed, with the reason', (_case, input, reason) => {
    const content = readPullSecret(input as SecretObject, 'ghcr.io');
    expect(content.kind).toBe('malformed');
    expect(content.kind === 'malformed' && content.reason).toMatch(reason);
  });

  it('never puts the token in a reason', () => {
    const content = readPullSecret(
      secret({ auths: { 'ghcr.io': { username: 'alice', password: TOKEN, auth: b64(`alice:${TOKEN}x`) } } }),
      'ghcr.io',
    );
    expect(JSON.stringify(content)).not.toContain(TOKEN);
  });
});
