import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStandInGitHub, type StandInGitHub } from './stand-in-github.ts';

let github: StandInGitHub;

beforeEach(async () => {
  github = await startStandInGitHub({ rateLimitPerHour: 3 });
  github.admin.createUser({ login: 'alice' });
});
afterEach(() => github.stop());

const getUser = (token: string, headers: Record<string, string> = {}) =>
  fetch(`${github.apiUrl}/user`, { headers: { authorization: `token ${token}`, ...headers } });

describe('stand-in GET /api/v3/user', () => {
  it('reports the login and the classic scopes in X-OAuth-Scopes', async () => {
    const token = github.admin.mintToken({
      login: 'alice',
      kind: 'classic',
      scopes: ['repo', 'read:packages'],
    });
    expect(token).toMatch(/^ghp_[A-Za-z0-9]{36}$/);
    const response = await getUser(token);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-oauth-scopes')).toBe('read:packages, repo');
    expect(response.headers.has('x-accepted-oauth-scopes')).toBe(true);
    expect(((await response.json()) as { login: string }).login).toBe('alice');
  });

  it('takes Bearer as well as token authorization', async () => {
    const token = github.admin.mintToken({ login: 'alice', kind: 'oauth', scopes: ['repo'] });
    const response = await fetch(`${github.apiUrl}/user`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
  });

  it('sends an empty X-OAuth-Scopes for a classic token without scopes, none for a fine-grained token', async () => {
    const bare = await getUser(github.admin.mintToken({ login: 'alice', kind: 'classic', scopes: [] }));
    expect(bare.headers.get('x-oauth-scopes')).toBe('');
    const fineGrained = github.admin.mintToken({ login: 'alice', kind: 'fine-grained' });
    expect(fineGrained).toMatch(/^github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/);
    const response = await getUser(fineGrained);
    expect(response.status).toBe(200);
    expect(response.headers.has('x-oauth-scopes')).toBe(false);
  });

  it('answers 401 Bad credentials for revoked and unknown tokens, 401 without a token', async () => {
    const token = github.admin.mintToken({ login: 'alice', scopes: ['repo'] });
    expect(github.admin.revokeToken({ token })).toBe(true);
    const revoked = await getUser(token);
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { message: string }).message).toBe('Bad credentials');
    expect((await getUser('ghp_unknownunknownunknownunknownunknown')).status).toBe(401);
    expect((await fetch(`${github.apiUrl}/user`)).status).toBe(401);
  });

  it('answers If-None-Match with 304 without charging the rate limit; ETags differ per token', async () => {
    const token = github.admin.mintToken({ login: 'alice', scopes: ['repo'] });
    const first = await getUser(token);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/".+"$/);
    const remaining = first.headers.get('x-ratelimit-remaining');
    const again = await getUser(token, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('x-ratelimit-remaining')).toBe(remaining);
    const other = github.admin.mintToken({ login: 'alice', scopes: ['repo'] });
    expect((await getUser(other, { 'if-none-match': etag })).status).toBe(200);
    expect(github.admin.counters()).toMatchObject({ apiRequests: 3, apiNotModified: 1 });
  });

  it('runs out of the primary rate limit per user, across tokens, with GitHub headers', async () => {
    const tokens = [1, 2].map(() => github.admin.mintToken({ login: 'alice', scopes: ['repo'] }));
    const statuses: number[] = [];
    for (const token of [...tokens, ...tokens]) statuses.push((await getUser(token)).status);
    expect(statuses).toEqual([200, 200, 200, 403]);
    const limited = await getUser(tokens[0] ?? '');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { message: string }).message).toMatch(/^API rate limit exceeded/);

    github.admin.advanceClock({ ms: 3_600_000 });
    expect((await getUser(tokens[0] ?? '')).status).toBe(200);
  });

  it('can be forced into a secondary limit (429 + retry-after) and back', async () => {
    const token = github.admin.mintToken({ login: 'alice', scopes: ['repo'] });
    github.admin.setRateLimit({ mode: 'secondary', retryAfterSeconds: 42 });
    const limited = await getUser(token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('42');
    github.admin.setRateLimit({ mode: 'primary', retryAfterSeconds: 42 });
    const primary = await getUser(token);
    expect(primary.status).toBe(403);
    expect(primary.headers.get('x-ratelimit-remaining')).toBe('0');
    github.admin.setRateLimit({ mode: 'off' });
    expect((await getUser(token)).status).toBe(200);
  });

  it('counts API requests per path', async () => {
    const token = github.admin.mintToken({ login: 'alice', scopes: ['repo'] });
    await getUser(token);
    await fetch(`${github.apiUrl}/nothing-here`);
    expect(github.admin.counters().apiRequestsByPath).toEqual({ '/user': 1, '/nothing-here': 1 });
    github.admin.resetCounters();
    expect(github.admin.counters().apiRequests).toBe(0);
  });
});

describe('stand-in admin over HTTP', () => {
  it('runs admin methods from JSON posts and refuses other bodies', async () => {
    const post = (method: string, body: unknown, type = 'application/json') =>
      fetch(`${github.webUrl}/_admin/${method}`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify(body),
      });
    expect((await post('createUser', { login: 'zoe' })).status).toBe(200);
    const minted = await post('mintToken', { login: 'zoe', kind: 'oauth', scopes: ['repo'] });
    const token = (await minted.json()) as string;
    expect((await getUser(token)).status).toBe(200);
    expect((await post('createUser', { login: 'yan' }, 'text/plain')).status).toBe(415);
    expect((await post('createUser', { login: 'zoe' })).status).toBe(400);
    expect((await post('constructor', {})).status).toBe(404);
  });
});
