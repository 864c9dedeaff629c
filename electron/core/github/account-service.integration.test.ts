import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createAccountFixture,
  followRedirects,
  type AccountFixture,
} from '../../../e2e/github/account-fixture.ts';
import { DEFAULT_REQUIRED_SCOPES } from '../../../shared/domain/github.ts';

const REQUIRED = [...DEFAULT_REQUIRED_SCOPES];
let fixture: AccountFixture;

beforeEach(async () => {
  fixture = await createAccountFixture();
  fixture.github.admin.createImage({ repository: 'alice/web', tags: ['1.0.0'] });
});
afterEach(() => fixture.stop());

const mint = (
  login: string,
  scopes: readonly string[],
  kind: 'oauth' | 'classic' | 'fine-grained' = 'classic',
) => fixture.github.admin.mintToken({ login, kind, scopes });

describe('account service: pasted tokens', () => {
  it('stores a classic token that has every required scope', async () => {
    const token = mint('alice', REQUIRED);
    const result = await fixture.service.addToken({ token: `  ${token}\n` });
    expect(result).toMatchObject({
      status: 'stored',
      account: { login: 'alice', tokenKind: 'classic-pat', health: { state: 'ok' } },
    });
    expect(await fixture.vault.getToken({ host: new URL(fixture.github.webUrl).host, login: 'alice' })).toBe(
      token,
    );
  });

  it('asks for confirmation when scopes are missing, and stores only once confirmed', async () => {
    const token = mint('alice', ['repo', 'user:email']);
    const first = await fixture.service.addToken({ token });
    expect(first).toMatchObject({
      status: 'needs-confirmation',
      login: 'alice',
      health: {
        state: 'missing-scopes',
        missingScopes: ['workflow', 'admin:repo_hook', 'delete_repo', 'read:packages', 'write:packages'],
      },
    });
    expect(await fixture.vault.listTokens()).toEqual([]);
    const confirmed = await fixture.service.addToken({ token, confirmMissingScopes: true });
    expect(confirmed).toMatchObject({ status: 'stored', account: { health: { state: 'missing-scopes' } } });
  });

  it.each([
    ['a revoked token', () => revoked(), /revoked/],
    ['a fine-grained token', () => mint('alice', [], 'fine-grained'), /fine-grained personal access token/],
    ['something that is not a token', () => 'two words', /not a token/],
  ])('refuses %s and stores nothing', async (_name, token, message) => {
    const result = await fixture.service.addToken({ token: token() });
    expect(result.status).toBe('refused');
    expect((result as { message: string }).message).toMatch(message);
    expect(await fixture.vault.listTokens()).toEqual([]);
    expect(await fixture.service.list()).toEqual([]);
  });
});

describe('account service: accounts', () => {
  it('lists, re-checks (one request per token), finds tokens case-insensitively and removes', async () => {
    fixture.github.admin.setConsent({ mode: 'approve', as: 'alice' });
    fixture.open = async (url) => {
      await followRedirects(url);
    };
    const alice = await fixture.service.connect();
    await fixture.service.addToken({ token: mint('bob', REQUIRED) });
    expect((await fixture.service.list()).map((a) => a.login).sort()).toEqual(['alice', 'bob']);

    const aliceToken = await fixture.service.tokenFor({ login: 'ALICE' });
    expect(aliceToken).toMatch(/^gho_/);
    fixture.github.admin.revokeToken({ token: aliceToken ?? '' });
    fixture.github.admin.resetCounters();
    const checked = await fixture.service.check();
    expect(fixture.github.admin.counters().apiRequests).toBe(2);
    expect(Object.fromEntries(checked.map((a) => [a.login, a.health.state]))).toEqual({
      alice: 'revoked',
      bob: 'ok',
    });
    expect((await fixture.service.list()).find((a) => a.login === 'alice')).toMatchObject({
      health: { state: 'revoked' },
      addedAt: alice.addedAt,
    });

    expect(await fixture.service.remove({ login: 'Alice' })).toBe(true);
    expect(await fixture.service.remove({ login: 'alice' })).toBe(false);
    expect((await fixture.service.list()).map((a) => a.login)).toEqual(['bob']);
  });

  it('runs a pull check with an account’s token or with explicit credentials', async () => {
    await fixture.service.addToken({ token: mint('alice', REQUIRED) });
    expect(await fixture.service.checkPull({ repository: 'alice/web', login: 'alice' })).toMatchObject({
      outcome: 'ok',
      tags: ['1.0.0'],
    });
    expect(
      await fixture.service.checkPull({
        repository: 'alice/web',
        credentials: { username: 'alice', password: mint('alice', ['repo']) },
      }),
    ).toMatchObject({ outcome: 'denied' });
    expect(await fixture.service.checkPull({ repository: 'alice/web', login: 'nobody' })).toMatchObject({
      outcome: 'no-credentials',
    });
  });

  it('audits arbitrary tokens (pull secrets) keyed by fingerprint', async () => {
    const tokens = [mint('alice', REQUIRED), mint('bob', ['repo'])];
    const health = await fixture.service.auditTokens([...tokens, ...tokens]);
    expect([...health.values()].map((h) => h.state)).toEqual(['ok', 'missing-scopes']);
  });
});

function revoked(): string {
  const token = mint('alice', REQUIRED);
  fixture.github.admin.revokeToken({ token });
  return token;
}
