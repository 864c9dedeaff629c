import { describe, expect, it } from 'vitest';
import { imageSource } from './image-reference.ts';

describe('imageSource', () => {
  it('reads registry, repository and owner the way kubelet does', () => {
    expect(imageSource('ghcr.io/Alice/web:1.0')).toEqual({
      registry: 'ghcr.io',
      repository: 'Alice/web',
      owner: 'alice',
    });
    expect(imageSource('127.0.0.1:5000/bob/api@sha256:abc')).toMatchObject({
      registry: '127.0.0.1:5000',
      owner: 'bob',
    });
    expect(imageSource('nginx')).toMatchObject({ registry: 'docker.io', repository: 'library/nginx' });
    expect(imageSource('bob/api:2')).toMatchObject({ registry: 'docker.io', owner: 'bob' });
    expect(imageSource('localhost/x/y')).toMatchObject({ registry: 'localhost', owner: 'x' });
  });

  it('refuses what kubelet would refuse', () => {
    expect(imageSource('')).toBeUndefined();
    expect(imageSource(' ghcr.io/a/b')).toBeUndefined();
    expect(imageSource('ghcr.io//b')).toBeUndefined();
    expect(imageSource(undefined)).toBeUndefined();
  });
});
