import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandInGitHub, type StandInGitHub } from './stand-in-github.ts';

let github: StandInGitHub;

beforeAll(async () => {
  github = await startStandInGitHub();
  const { admin } = github;
  for (const login of ['alice', 'bob', 'carol']) admin.createUser({ login });
  admin.createOrg({ login: 'acme', members: ['bob'] });
  admin.createImage({ repository: 'alice/web', tags: ['1.0.0', 'latest'] });
  admin.createImage({ repository: 'acme/shop', tags: ['v1'] });
  admin.createImage({ repository: 'carol/site', tags: ['latest'], visibility: 'public' });
});
afterAll(() => github.stop());

const basic = (login: string, token: string) =>
  `Basic ${Buffer.from(`${login}:${token}`).toString('base64')}`;

async function requestToken(repository: string, authorization?: string) {
  const url = `${github.registryUrl}/token?service=${github.registryHost}&scope=repository:${repository}:pull`;
  return fetch(url, { headers: authorization ? { authorization } : {} });
}

async function pullToken(repository: string, authorization?: string): Promise<string> {
  const response = await requestToken(repository, authorization);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { token: string; access_token: string };
  expect(body.access_token).toBe(body.token);
  return body.token;
}

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json()) as { errors: { code: string; message: string }[] };
  return `${response.status} ${body.errors[0]?.code}: ${body.errors[0]?.message}`;
}

const get = (path: string, token: string, method = 'GET') =>
  fetch(`${github.registryUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });

describe('stand-in registry', () => {
  it('challenges /v2/ with the Bearer realm and service, as registry/2.0', async () => {
    const response = await fetch(`${github.registryUrl}/v2/`);
    expect(response.status).toBe(401);
    expect(response.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer realm="http://${github.registryHost}/token",service="${github.registryHost}"`,
    );
    expect(await errorOf(response)).toBe('401 UNAUTHORIZED: authentication required');
  });

  it('pulls with a live token carrying read:packages: tags list, manifest GET and HEAD with digest', async () => {
    const token = github.admin.mintToken({ login: 'alice', kind: 'classic', scopes: ['read:packages'] });
    const pull = await pullToken('alice/web', basic('alice', token));
    expect((await get('/v2/', pull)).status).toBe(200);
    const tags = await get('/v2/alice/web/tags/list', pull);
    expect(await tags.json()).toEqual({ name: 'alice/web', tags: ['1.0.0', 'latest'] });

    const manifest = await get('/v2/alice/web/manifests/latest', pull);
    expect(manifest.status).toBe(200);
    const body = await manifest.text();
    const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    expect(manifest.headers.get('docker-content-digest')).toBe(digest);
    expect(JSON.parse(body)).toMatchObject({ schemaVersion: 2 });
    const head = await get('/v2/alice/web/manifests/latest', pull, 'HEAD');
    expect(head.headers.get('docker-content-digest')).toBe(digest);
    expect((await get(`/v2/alice/web/manifests/${digest}`, pull)).status).toBe(200);
    const configDigest = (JSON.parse(body) as { config: { digest: string } }).config.digest;
    expect((await get(`/v2/alice/web/blobs/${configDigest}`, pull)).status).toBe(200);
  });

  it('accepts an OAuth token whose write:packages implies read:packages, and an org member', async () => {
    const oauth = github.admin.mintToken({ login: 'alice', kind: 'oauth', scopes: ['write:packages'] });
    await pullToken('alice/web', basic('alice', oauth));
    const member = github.admin.mintToken({ login: 'bob', scopes: ['read:packages'] });
    const pull = await pullToken('acme/shop', basic('bob', member));
    expect((await get('/v2/acme/shop/tags/list', pull)).status).toBe(200);
  });

  it('refuses revoked tokens, missing read:packages, fine-grained tokens and other owners', async () => {
    const revoked = github.admin.mintToken({ login: 'alice', scopes: ['read:packages'] });
    github.admin.revokeToken({ token: revoked });
    expect(await errorOf(await requestToken('alice/web', basic('alice', revoked)))).toBe(
      '401 UNAUTHORIZED: authentication required',
    );
    const noScope = github.admin.mintToken({ login: 'alice', scopes: ['repo'] });
    expect(await errorOf(await requestToken('alice/web', basic('alice', noScope)))).toBe(
      '403 DENIED: permission_denied: The token provided does not match expected scopes.',
    );
    const fineGrained = github.admin.mintToken({ login: 'alice', kind: 'fine-grained' });
    expect(await errorOf(await requestToken('alice/web', basic('alice', fineGrained)))).toMatch(
      /^403 DENIED: permission_denied: fine-grained/,
    );
    const carol = github.admin.mintToken({ login: 'carol', scopes: ['read:packages'] });
    expect(await errorOf(await requestToken('alice/web', basic('carol', carol)))).toBe(
      '403 DENIED: requested access to the resource is denied',
    );
    expect(await errorOf(await requestToken('acme/shop', basic('carol', carol)))).toMatch(/^403 DENIED/);
  });

  it('gives anonymous requests a token that reads public images only', async () => {
    const anonymous = await pullToken('alice/web');
    const refused = await get('/v2/alice/web/manifests/latest', anonymous);
    expect(refused.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(await errorOf(refused)).toBe('401 UNAUTHORIZED: authentication required');
    const pub = await pullToken('carol/site');
    expect((await get('/v2/carol/site/tags/list', pub)).status).toBe(200);
  });

  it('answers NAME_UNKNOWN and MANIFEST_UNKNOWN for what does not exist', async () => {
    const token = github.admin.mintToken({ login: 'alice', scopes: ['read:packages'] });
    const pull = await pullToken('alice/missing', basic('alice', token));
    expect(await errorOf(await get('/v2/alice/missing/tags/list', pull))).toBe(
      '404 NAME_UNKNOWN: repository name not known to registry',
    );
    const webPull = await pullToken('alice/web', basic('alice', token));
    expect(await errorOf(await get('/v2/alice/web/manifests/9.9.9', webPull))).toBe(
      '404 MANIFEST_UNKNOWN: manifest unknown',
    );
  });

  it('challenges a request without a pull token with the repository scope', async () => {
    const response = await fetch(`${github.registryUrl}/v2/alice/web/tags/list`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('scope="repository:alice/web:pull"');
  });

  it('counts registry requests', async () => {
    const before = github.admin.counters();
    await fetch(`${github.registryUrl}/v2/`);
    await requestToken('carol/site');
    const after = github.admin.counters();
    expect(after.registryRequests - before.registryRequests).toBe(2);
    expect(after.registryTokenRequests - before.registryTokenRequests).toBe(1);
  });
});
