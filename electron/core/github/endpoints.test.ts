import { describe, expect, it } from 'vitest';
import { githubEndpoints, registryEndpoint } from './endpoints.ts';

describe('githubEndpoints', () => {
  it('maps github.com (and its API host) to api.github.com', () => {
    for (const url of ['https://github.com', 'https://github.com/', 'https://api.github.com'])
      expect(githubEndpoints(url)).toEqual({
        host: 'github.com',
        webUrl: 'https://github.com',
        apiUrl: 'https://api.github.com',
      });
  });

  it('puts the API of any other host under /api/v3, keeping a non-default port', () => {
    expect(githubEndpoints('https://github.example.com/')).toEqual({
      host: 'github.example.com',
      webUrl: 'https://github.example.com',
      apiUrl: 'https://github.example.com/api/v3',
    });
    expect(githubEndpoints('http://127.0.0.1:8080').apiUrl).toBe('http://127.0.0.1:8080/api/v3');
    expect(githubEndpoints('http://127.0.0.1:8080').host).toBe('127.0.0.1:8080');
  });

  it('refuses what is not an http(s) URL, or carries credentials', () => {
    expect(() => githubEndpoints('github.example.com')).toThrow(/not a URL/);
    expect(() => githubEndpoints('ftp://github.example.com')).toThrow(/https:\/\//);
    expect(() => githubEndpoints('https://user:pw@github.example.com')).toThrow(/credentials/);
  });
});

describe('registryEndpoint', () => {
  it('defaults to ghcr.io and keeps host:port as the auths key', () => {
    expect(registryEndpoint()).toEqual({ url: 'https://ghcr.io', host: 'ghcr.io' });
    expect(registryEndpoint('http://127.0.0.1:5000/')).toEqual({
      url: 'http://127.0.0.1:5000',
      host: '127.0.0.1:5000',
    });
  });
});
