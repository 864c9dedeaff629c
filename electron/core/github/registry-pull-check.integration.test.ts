import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandInGitHub, type StandInGitHub } from '../../../e2e/github/stand-in-github.ts';
import { checkPull } from './registry-pull-check.ts';

let github: StandInGitHub;

beforeAll(async () => {
  github = await startStandInGitHub();
  for (const login of ['alice', 'bob']) github.admin.createUser({ login });
  github.admin.createOrg({ login: 'acme', members: ['alice'] });
  github.admin.createImage({ repository: 'alice/web', tags: ['1.0.0', 'latest'] });
  github.admin.createImage({ repository: 'acme/shop', tags: ['v1'] });
  github.admin.createImage({ repository: 'bob/site', tags: ['latest'], visibility: 'public' });
});
afterAll(() => github.stop());

const credentials = (
  login: string,
  scopes: readonly string[],
  kind: 'oauth' | 'classic' | 'fine-grained' = 'oauth',
) => ({
  username: login,
  password: github.admin.mintToken({ login, kind, scopes }),
});
const pull = (repository: string, creds?: { username: string; password: string }) =>
  checkPull({ registryUrl: github.registryUrl, repository, ...(creds ? { credentials: creds } : {}) });

describe('pull check: registry token exchange + tags list', () => {
  it('reports pull OK with the tags, for the owner and for an organization member', async () => {
    expect(await pull('alice/web', credentials('alice', ['read:packages']))).toMatchObject({
      outcome: 'ok',
      repository: 'alice/web',
      tags: ['1.0.0', 'latest'],
      message: 'Pull OK: 2 tags',
    });
    expect(await pull('acme/shop', credentials('alice', ['write:packages']))).toMatchObject({
      outcome: 'ok',
    });
    expect(await pull('bob/site')).toMatchObject({ outcome: 'ok', tags: ['latest'] });
  });

  it('reports the registry’s own refusal for each reason', async () => {
    expect(await pull('alice/web', credentials('alice', ['repo']))).toMatchObject({
      outcome: 'denied',
      message: 'DENIED: permission_denied: The token provided does not match expected scopes.',
    });
    const revoked = credentials('alice', ['read:packages']);
    github.admin.revokeToken({ token: revoked.password });
    expect(await pull('alice/web', revoked)).toMatchObject({
      outcome: 'denied',
      message: 'UNAUTHORIZED: authentication required',
    });
    expect(await pull('alice/web', credentials('alice', [], 'fine-grained'))).toMatchObject({
      outcome: 'denied',
      message: expect.stringMatching(/^DENIED: permission_denied: fine-grained/),
    });
    expect(await pull('alice/web', credentials('bob', ['read:packages']))).toMatchObject({
      outcome: 'denied',
      message: 'DENIED: requested access to the resource is denied',
    });
  });

  it('reports not-found for a repository the registry does not know', async () => {
    expect(await pull('alice/missing', credentials('alice', ['read:packages']))).toMatchObject({
      outcome: 'not-found',
      message: 'NAME_UNKNOWN: repository name not known to registry',
    });
    expect(await pull('Not A Repo')).toMatchObject({ outcome: 'not-found' });
  });

  it('reports no-credentials when an anonymous pull of a private image is refused', async () => {
    expect(await pull('alice/web')).toMatchObject({
      outcome: 'no-credentials',
      message: expect.stringMatching(/anonymous pull was refused: UNAUTHORIZED: authentication required$/),
    });
  });

  it('reports unreachable when nothing answers', async () => {
    const { server, url } = await serve(() => undefined);
    await close(server);
    expect(await checkPull({ registryUrl: url, repository: 'alice/web' })).toMatchObject({
      outcome: 'unreachable',
      message: expect.stringMatching(/^The registry at http:\/\/127\.0\.0\.1:\d+ is unreachable: /),
    });
  });

  it('does not send credentials to a token realm on another host', async () => {
    let sawCredentials = false;
    const { server, url } = await serve((request, response) => {
      if (request.headers.authorization) sawCredentials = true;
      response.writeHead(401, { 'www-authenticate': 'Bearer realm="http://localhost:9/token",service="x"' });
      response.end();
    });
    try {
      const result = await checkPull({
        registryUrl: url,
        repository: 'alice/web',
        credentials: credentials('alice', ['read:packages']),
      });
      expect(result).toMatchObject({
        outcome: 'unreachable',
        message: expect.stringMatching(/another host \(localhost:9\)/),
      });
      expect(sawCredentials).toBe(false);
    } finally {
      await close(server);
    }
  });

  it('never puts the token in its message', async () => {
    const creds = credentials('bob', ['read:packages']);
    const result = await pull('alice/web', creds);
    expect(JSON.stringify(result)).not.toContain(creds.password);
  });
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
