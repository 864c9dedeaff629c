import { describe, expect, it } from 'vitest';
import { parseBearerChallenge } from './registry-pull-check.ts';

describe('parseBearerChallenge', () => {
  it('reads realm and service of a Docker registry challenge', () => {
    expect(
      parseBearerChallenge(
        'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull"',
      ),
    ).toEqual({
      realm: 'https://ghcr.io/token',
      service: 'ghcr.io',
    });
    expect(parseBearerChallenge('bearer realm=https://r.example/token')).toEqual({
      realm: 'https://r.example/token',
    });
  });

  it('refuses other schemes and challenges without a realm', () => {
    expect(parseBearerChallenge('Basic realm="registry"')).toBeUndefined();
    expect(parseBearerChallenge('Bearer service="ghcr.io"')).toBeUndefined();
  });
});
