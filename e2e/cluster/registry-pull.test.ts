import { describe, expect, it } from 'vitest';
import { defaultRegistryEndpoint, parseChallenge } from './registry-pull.ts';

describe('parseChallenge', () => {
  it('reads a Bearer challenge with quoted and bare parameters', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull",error=insufficient_scope',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://ghcr.io/token',
        service: 'ghcr.io',
        scope: 'repository:a/b:pull',
        error: 'insufficient_scope',
      },
    });
    expect(parseChallenge('Basic realm="Registry"')).toEqual({
      scheme: 'basic',
      params: { realm: 'Registry' },
    });
  });
});

describe('defaultRegistryEndpoint', () => {
  it('uses http for loopback registries only, like containerd', () => {
    expect(defaultRegistryEndpoint('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(defaultRegistryEndpoint('localhost')).toBe('http://localhost');
    expect(defaultRegistryEndpoint('ghcr.io')).toBe('https://ghcr.io');
    expect(defaultRegistryEndpoint('docker.io')).toBe('https://registry-1.docker.io');
  });
});
