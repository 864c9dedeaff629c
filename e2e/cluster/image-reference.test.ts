import { describe, expect, it } from 'vitest';
import { isLoopbackRegistry, parseImageReference } from './image-reference.ts';

describe('parseImageReference', () => {
  it.each([
    ['nginx', 'docker.io', 'library/nginx', 'latest', 'docker.io/library/nginx:latest'],
    ['acme/web:1.2', 'docker.io', 'acme/web', '1.2', 'docker.io/acme/web:1.2'],
    ['ghcr.io/acme/web:v1', 'ghcr.io', 'acme/web', 'v1', 'ghcr.io/acme/web:v1'],
    ['ghcr.io/acme/team/web', 'ghcr.io', 'acme/team/web', 'latest', 'ghcr.io/acme/team/web:latest'],
    ['127.0.0.1:5000/acme/web:2', '127.0.0.1:5000', 'acme/web', '2', '127.0.0.1:5000/acme/web:2'],
    ['localhost/acme:dev', 'localhost', 'acme', 'dev', 'localhost/acme:dev'],
  ])('%s → %s %s %s', (image, registry, repository, reference, normalized) => {
    expect(parseImageReference(image)).toMatchObject({ registry, repository, reference, normalized });
  });

  it('prefers the digest as the manifest reference', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseImageReference(`ghcr.io/acme/web:v1@${digest}`)).toMatchObject({
      tag: 'v1',
      digest,
      reference: digest,
    });
  });

  it.each([
    '',
    'Ghcr.io/Acme/Web',
    'ghcr.io/acme/web:',
    'acme//web',
    ' nginx',
    'nginx@sha256:short',
    'ACME/web',
  ])('refuses %j', (image) => {
    expect(parseImageReference(image)).toBeUndefined();
  });
});

describe('isLoopbackRegistry', () => {
  it('knows loopback hosts with or without a port', () => {
    expect(['localhost', 'localhost:5000', '127.0.0.1:8080', '[::1]:5000'].map(isLoopbackRegistry)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['ghcr.io', 'registry.local:5000', '10.0.0.1:5000'].map(isLoopbackRegistry)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
