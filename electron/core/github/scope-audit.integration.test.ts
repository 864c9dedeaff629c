import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStandInGitHub, type StandInGitHub } from '../../../e2e/github/stand-in-github.ts';
import { DEFAULT_REQUIRED_SCOPES } from '../../../shared/domain/github.ts';
import { createScopeAuditor } from './scope-audit.ts';
import { tokenFingerprint } from './token-fingerprint.ts';

const REQUIRED = [...DEFAULT_REQUIRED_SCOPES];
let github: StandInGitHub;

beforeEach(async () => {
  github = await startStandInGitHub();
  for (const login of ['alice', 'bob']) github.admin.createUser({ login });
});
afterEach(() => github.stop());

const mint = (
  login: string,
  scopes: readonly string[],
  kind: 'oauth' | 'classic' | 'fine-grained' = 'oauth',
) => github.admin.mintToken({ login, kind, scopes });

describe('scope audit: token health through GET /user', () => {
  it('tells each health state apart', async () => {
    const auditor = createScopeAuditor({ apiUrl: github.apiUrl });
    const ok = mint('alice', REQUIRED);
    const implied = mint('alice', [
      'user',
      'repo',
      'workflow',
      'admin:repo_hook',
      'delete_repo',
      'write:packages',
    ]);
    const missing = mint('bob', ['user:email', 'repo', 'workflow']);
    const revoked = mint('bob', REQUIRED);
    github.admin.revokeToken({ token: revoked });
    const fineGrained = mint('alice', [], 'fine-grained');

    expect(await auditor.check(ok, REQUIRED)).toMatchObject({
      state: 'ok',
      login: 'alice',
      missingScopes: [],
    });
    expect(await auditor.check(implied, REQUIRED)).toMatchObject({ state: 'ok' });
    expect(await auditor.check(missing, REQUIRED)).toMatchObject({
      state: 'missing-scopes',
      login: 'bob',
      scopes: ['repo', 'user:email', 'workflow'],
      missingScopes: ['admin:repo_hook', 'delete_repo', 'read:packages', 'write:packages'],
      message: expect.stringMatching(/lacks admin:repo_hook, delete_repo, read:packages, write:packages/),
    });
    expect(await auditor.check(revoked, REQUIRED)).toMatchObject({
      state: 'revoked',
      message: expect.stringMatching(/revoked/),
    });
    expect(await auditor.check(fineGrained, REQUIRED)).toMatchObject({
      state: 'not-classic',
      login: 'alice',
      message: expect.stringMatching(/fine-grained personal access token/),
    });

    github.admin.setRateLimit({ mode: 'secondary', retryAfterSeconds: 30 });
    expect(await createScopeAuditor({ apiUrl: github.apiUrl }).check(ok, REQUIRED)).toMatchObject({
      state: 'rate-limited',
      retryAt: expect.any(String),
    });
    github.admin.setRateLimit({ mode: 'off' });

    const closed = await closedPort();
    expect(
      await createScopeAuditor({ apiUrl: `http://127.0.0.1:${closed}/api/v3` }).check(ok, REQUIRED),
    ).toMatchObject({
      state: 'unknown',
      message: expect.stringMatching(/^Could not reach GitHub at http:\/\/127\.0\.0\.1:\d+\/api\/v3: /),
    });
  });

  it('reads a classic token with no scopes as missing every scope, not as fine-grained', async () => {
    const health = await createScopeAuditor({ apiUrl: github.apiUrl }).check(
      mint('alice', [], 'classic'),
      REQUIRED,
    );
    expect(health).toMatchObject({ state: 'missing-scopes', missingScopes: REQUIRED });
  });

  it('makes one request per distinct token: 200 projects of 20 logins cost 20 requests', async () => {
    const logins = Array.from({ length: 20 }, (_, i) => `tenant-${i}`);
    for (const login of logins) github.admin.createUser({ login });
    const tokenOf = new Map(logins.map((login) => [login, mint(login, REQUIRED)]));
    const projectTokens = Array.from(
      { length: 200 },
      (_, i) => tokenOf.get(logins[i % 20] as string) as string,
    );
    const auditor = createScopeAuditor({ apiUrl: github.apiUrl });
    github.admin.resetCounters();

    const health = await auditor.audit(projectTokens, REQUIRED);
    expect(github.admin.counters().apiRequests).toBe(20);
    expect(health.size).toBe(20);
    expect([...health.values()].every((h) => h.state === 'ok')).toBe(true);
    expect(health.get(tokenFingerprint(tokenOf.get('tenant-7') as string))?.login).toBe('tenant-7');

    // Re-check: conditional requests, all answered 304 (free for the rate limit), same health.
    const again = await auditor.audit(projectTokens, REQUIRED);
    expect(github.admin.counters()).toMatchObject({ apiRequests: 40, apiNotModified: 20 });
    expect([...again.values()].map((h) => h.login)).toEqual([...health.values()].map((h) => h.login));
  });

  it('shares one request between overlapping checks of the same token', async () => {
    const auditor = createScopeAuditor({ apiUrl: github.apiUrl });
    const token = mint('alice', REQUIRED);
    const results = await Promise.all([
      auditor.check(token, REQUIRED),
      auditor.audit([token, token], REQUIRED),
    ]);
    expect(results[0].state).toBe('ok');
    expect(github.admin.counters().apiRequests).toBe(1);
  });

  it('re-checks with the ETag and still notices a revocation (no stale 304)', async () => {
    const auditor = createScopeAuditor({ apiUrl: github.apiUrl });
    const token = mint('alice', REQUIRED);
    expect((await auditor.check(token, REQUIRED)).state).toBe('ok');
    expect((await auditor.check(token, REQUIRED)).state).toBe('ok');
    expect(github.admin.counters().apiNotModified).toBe(1);
    github.admin.revokeToken({ token });
    expect((await auditor.check(token, REQUIRED)).state).toBe('revoked');
  });

  it('stops sending after retry-after and resumes after the time GitHub named', async () => {
    let clock = Date.parse('2026-12-03T10:00:00Z');
    const auditor = createScopeAuditor({ apiUrl: github.apiUrl, now: () => clock, concurrency: 1 });
    const tokens = Array.from({ length: 5 }, () => mint('alice', REQUIRED));
    github.admin.setRateLimit({ mode: 'secondary', retryAfterSeconds: 120 });

    const limited = await auditor.audit(tokens, REQUIRED);
    expect(github.admin.counters().apiRequests).toBe(1); // the first refusal stops the other four
    expect(new Set([...limited.values()].map((h) => h.state))).toEqual(new Set(['rate-limited']));
    expect(new Set([...limited.values()].map((h) => h.retryAt))).toEqual(
      new Set(['2026-12-03T10:02:00.000Z']),
    );

    github.admin.setRateLimit({ mode: 'off' });
    clock += 60_000; // still inside retry-after: nothing is sent
    await auditor.audit(tokens, REQUIRED);
    expect(github.admin.counters().apiRequests).toBe(1);

    clock += 61_000;
    const resumed = await auditor.audit(tokens, REQUIRED);
    expect(github.admin.counters().apiRequests).toBe(6);
    expect(new Set([...resumed.values()].map((h) => h.state))).toEqual(new Set(['ok']));
  });

  it('stops before the primary limit refuses: x-ratelimit-remaining 0 blocks until x-ratelimit-reset', async () => {
    await github.stop();
    github = await startStandInGitHub({ rateLimitPerHour: 3 });
    github.admin.createUser({ login: 'alice' });
    const auditor = createScopeAuditor({ apiUrl: github.apiUrl, concurrency: 1 });
    const tokens = Array.from({ length: 5 }, () => mint('alice', REQUIRED));

    const health = [...(await auditor.audit(tokens, REQUIRED)).values()];
    expect(github.admin.counters().apiRequests).toBe(3);
    expect(health.map((h) => h.state)).toEqual(['ok', 'ok', 'ok', 'rate-limited', 'rate-limited']);
    expect(Date.parse(health[3]?.retryAt ?? '')).toBeGreaterThan(Date.now());
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight -= 1;
      }
    };
    const auditor = createScopeAuditor({ apiUrl: github.apiUrl, fetch: counting, concurrency: 4 });
    await auditor.audit(
      Array.from({ length: 20 }, () => mint('alice', REQUIRED)),
      REQUIRED,
    );
    expect(peak).toBe(4);
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
