import { describe, expect, it } from 'vitest';
import {
  encodeDockerConfig,
  isRegistryKey,
  otherRegistries,
  parseDockerConfigJson,
  readPullSecretConfig,
  registryCredentials,
  sameJson,
  withRegistryEntry,
} from './docker-config.ts';
import { mintTokenValue } from '../../../e2e/github/token-shapes.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const TOKEN = mintTokenValue('oauth');

describe('reading a .dockerconfigjson', () => {
  it('says what is wrong with garbage, and whether anything can be kept', () => {
    expect(parseDockerConfigJson('not json')).toEqual({
      readable: false,
      problem: 'its .dockerconfigjson is not JSON',
    });
    expect(parseDockerConfigJson('[1]')).toMatchObject({
      readable: false,
      problem: expect.stringMatching(/an array/),
    });
    expect(parseDockerConfigJson('null')).toMatchObject({
      readable: false,
      problem: expect.stringMatching(/null/),
    });
    expect(parseDockerConfigJson(undefined)).toMatchObject({ readable: false, absent: true });
    expect(parseDockerConfigJson('{"auths":"nope","credsStore":"desktop"}')).toEqual({
      readable: true,
      config: { auths: 'nope', credsStore: 'desktop' },
      problem: 'its "auths" is a string, not an object',
    });
    expect(parseDockerConfigJson('{}')).toMatchObject({
      readable: true,
      problem: 'it has no "auths" object',
    });
    expect(parseDockerConfigJson('{"auths":{}}')).toEqual({ readable: true, config: { auths: {} } });
  });

  it('reads the legacy .dockercfg map as auths, and Opaque secrets carrying the key', () => {
    const legacy = readPullSecretConfig({
      type: 'kubernetes.io/dockercfg',
      data: { '.dockercfg': b64('{"ghcr.io":{"auth":"' + b64(`alice:${TOKEN}`) + '"}}') },
    });
    expect(legacy.readable && registryCredentials(legacy.config, 'ghcr.io')).toEqual({
      key: 'ghcr.io',
      username: 'alice',
      password: TOKEN,
    });
    const broken = readPullSecretConfig({
      type: 'kubernetes.io/dockercfg',
      data: { '.dockercfg': b64('{{') },
    });
    expect(broken).toEqual({ readable: false, problem: 'its .dockercfg is not JSON' });
    const opaque = readPullSecretConfig({
      type: 'Opaque',
      data: { '.dockerconfigjson': b64('{"auths":{}}') },
    });
    expect(opaque.readable).toBe(true);
  });

  it('finds the registry entry under any spelling of the bare host, not under a repository path', () => {
    expect(isRegistryKey('ghcr.io', 'ghcr.io')).toBe(true);
    expect(isRegistryKey('https://GHCR.io/v2/', 'ghcr.io')).toBe(true);
    expect(isRegistryKey('http://127.0.0.1:5000', '127.0.0.1:5000')).toBe(true);
    expect(isRegistryKey('127.0.0.1:5001', '127.0.0.1:5000')).toBe(false);
    expect(isRegistryKey('ghcr.io/team', 'ghcr.io')).toBe(false);
    expect(isRegistryKey('docker.io', 'ghcr.io')).toBe(false);
    const config = { auths: { 'https://ghcr.io/v1/': { username: 'bob', password: 'x' }, 'quay.io': {} } };
    expect(registryCredentials(config, 'ghcr.io')).toEqual({
      key: 'https://ghcr.io/v1/',
      username: 'bob',
      password: 'x',
    });
    expect(otherRegistries(config, 'ghcr.io')).toEqual(['quay.io']);
    expect(registryCredentials({ auths: { 'ghcr.io': 'garbage' } }, 'ghcr.io')).toEqual({ key: 'ghcr.io' });
  });
});

describe('writing the registry entry', () => {
  it('keeps other registries and unknown keys, drops other spellings of the host, and encodes auth', () => {
    const before = {
      auths: {
        'https://ghcr.io': { username: 'alice', password: 'old', identitytoken: 'x' },
        'registry.example.com': { username: 'ci', password: 'keep-me', auth: b64('ci:keep-me') },
        'quay.io': 'not even an object',
      },
      credHelpers: { 'gcr.io': 'gcloud' },
    };
    const after = withRegistryEntry(before, 'ghcr.io', 'alice', TOKEN);
    expect(after).toEqual({
      auths: {
        'registry.example.com': before.auths['registry.example.com'],
        'quay.io': 'not even an object',
        'ghcr.io': { username: 'alice', password: TOKEN, auth: b64(`alice:${TOKEN}`) },
      },
      credHelpers: { 'gcr.io': 'gcloud' },
    });
    expect(before.auths['https://ghcr.io'].password).toBe('old'); // the input is not modified
  });

  it('replaces an auths that is not an object, and refuses an empty token', () => {
    expect(withRegistryEntry({ auths: 'nope', x: 1 }, 'ghcr.io', 'a', TOKEN)).toMatchObject({
      x: 1,
      auths: { 'ghcr.io': { username: 'a' } },
    });
    expect(() => withRegistryEntry({}, 'ghcr.io', 'alice', '')).toThrow(/empty/);
  });

  it('compares documents regardless of key order, so an unchanged secret is recognised', () => {
    const config = withRegistryEntry({ auths: { 'quay.io': { auth: 'eA==' } } }, 'ghcr.io', 'alice', TOKEN);
    const roundTripped = JSON.parse(Buffer.from(encodeDockerConfig(config), 'base64').toString()) as unknown;
    const reordered = {
      auths: {
        'ghcr.io': (config['auths'] as Record<string, unknown>)['ghcr.io'],
        'quay.io': { auth: 'eA==' },
      },
    };
    expect(sameJson(roundTripped, config)).toBe(true);
    expect(sameJson(reordered, config)).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson(withRegistryEntry({}, 'ghcr.io', 'alice', `${TOKEN}x`), config)).toBe(false);
  });
});
