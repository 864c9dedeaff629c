import { request as httpRequest } from 'node:http';
import type { Browser } from '@playwright/test';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createAccountFixture,
  followRedirects,
  redirectTarget,
  type AccountFixture,
} from '../../../e2e/github/account-fixture.ts';
import { launchChromium } from '../../../e2e/github/browser.ts';
import { DEFAULT_REQUIRED_SCOPES } from '../../../shared/domain/github.ts';
import { GitHubLoginError, type LoginFailure } from './login-error.ts';

let fixture: AccountFixture;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());
beforeEach(async () => {
  fixture = await createAccountFixture({ loginTimeoutMs: 60_000 });
});
afterEach(() => fixture.stop());

async function expectNothingStored(): Promise<void> {
  expect(await fixture.vault.listTokens()).toEqual([]);
  expect(await fixture.records.list()).toEqual([]);
  expect(await fixture.service.list()).toEqual([]);
}

async function expectRefused(attempt: Promise<unknown>, code: LoginFailure, message: RegExp): Promise<void> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitHubLoginError);
  expect((error as GitHubLoginError).code).toBe(code);
  expect((error as GitHubLoginError).message).toMatch(message);
  await expectNothingStored();
}

/** Sends the callback request with a chosen Host header (fetch would not let us). */
function getWithHost(url: URL, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('connect: loopback OAuth login through the system browser', () => {
  it('stores the account after a real browser picks the account and clicks Authorize', async () => {
    fixture.github.admin.setConsent({ mode: 'page' });
    let callbackPage = '';
    let authorizeUrl = '';
    fixture.open = async (url) => {
      authorizeUrl = url;
      const page = await browser.newPage();
      await page.goto(url);
      await page.getByLabel('Account').selectOption('alice');
      await page.getByRole('button', { name: 'Authorize ghcr-desk' }).click();
      await page.getByRole('heading', { name: 'GitHub connected' }).waitFor();
      callbackPage = await page.content();
      await page.close();
    };
    const account = await fixture.service.connect({ login: 'alice', selectAccount: true });

    const sent = new URL(authorizeUrl);
    expect(`${sent.origin}${sent.pathname}`).toBe(`${fixture.github.webUrl}/login/oauth/authorize`);
    expect(sent.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(sent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(sent.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(
      sent.searchParams
        .get('scope')
        ?.split(/[\s,]+/)
        .sort(),
    ).toEqual([...DEFAULT_REQUIRED_SCOPES].sort());
    expect(sent.searchParams.get('login')).toBe('alice');
    expect(sent.searchParams.get('prompt')).toBe('select_account');

    expect(account).toMatchObject({
      login: 'alice',
      tokenKind: 'oauth',
      health: { state: 'ok', login: 'alice' },
    });
    const token = await fixture.vault.getToken({ host: account.host, login: 'alice' });
    expect(token).toMatch(/^gho_/);
    expect(fixture.github.admin.tokenInfo({ token: token ?? '' })?.login).toBe('alice');
    expect(callbackPage).not.toContain(token ?? 'no token');
    expect(callbackPage).not.toMatch(/code=|[0-9a-f]{20}/);
    expect(await fixture.service.list()).toEqual([account]);
  });

  it('serves a callback page that loads nothing and leaks no Referer', async () => {
    fixture.github.admin.setConsent({ mode: 'approve', as: 'alice' });
    let headers: Headers | undefined;
    fixture.open = async (url) => {
      headers = (await followRedirects(url)).headers;
    };
    await fixture.service.connect();
    expect(headers?.get('referrer-policy')).toBe('no-referrer');
    expect(headers?.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(headers?.get('cache-control')).toBe('no-store');
  });

  it('refuses a callback whose state does not match', async () => {
    fixture.github.admin.setConsent({ mode: 'approve', as: 'alice' });
    fixture.open = async (url) => {
      const target = await redirectTarget(url);
      target.searchParams.set('state', 'forged');
      await fetch(target);
    };
    await expectRefused(fixture.service.connect(), 'state-mismatch', /state mismatch/);
    expect(fixture.github.admin.counters().tokenExchanges).toBe(0); // refused before any exchange
  });

  it('refuses a callback without a code', async () => {
    fixture.github.admin.setConsent({ mode: 'approve', as: 'alice' });
    fixture.open = async (url) => {
      const target = await redirectTarget(url);
      target.searchParams.delete('code');
      await fetch(target);
    };
    await expectRefused(fixture.service.connect(), 'missing-code', /without an authorization code/);
  });

  it('reports access_denied when the user cancels on GitHub', async () => {
    fixture.github.admin.setConsent({ mode: 'page' });
    fixture.open = async (url) => {
      const page = await browser.newPage();
      await page.goto(url);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('heading', { name: 'GitHub login failed' }).waitFor();
      await page.close();
    };
    await expectRefused(fixture.service.connect(), 'access-denied', /denied/);
  });

  it('gives up after the timeout', async () => {
    await fixture.stop();
    fixture = await createAccountFixture({ loginTimeoutMs: 300 });
    fixture.open = async () => undefined; // the user never comes back
    await expectRefused(fixture.service.connect(), 'timeout', /did not answer within/);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    fixture.open = async () => controller.abort();
    await expectRefused(fixture.service.connect({ signal: controller.signal }), 'cancelled', /cancelled/);
  });

  it('refuses a code that was already used', async () => {
    fixture.github.admin.setConsent({ mode: 'approve', as: 'alice' });
    let used: URL | undefined;
    fixture.open = async (url) => {
      used = await redirectTarget(url);
      await fetch(used);
    };
    await fixture.service.connect();
    await fixture.service.remove({ login: 'alice' });
    await expectNothingStored();

    // A second attempt gets the first attempt's (spent) code back with its own state.
    fixture.open = async (url) => {
      const target = await redirectTarget(url);
      target.searchParams.set('code', used?.searchParams.get('code') ?? '');
      await fetch(target);
    };
    await expectRefused(
      fixture.service.connect(),
      'exchange-failed',
      /incorrect or expired \(bad_verification_code\)/,
    );
  });

  it('refuses a code issued to another attempt: the PKCE verifier does not match', async () => {
    fixture.github.admin.setConsent({ mode: 'approve', as: 'alice' });
    // Attempt A: GitHub issues a code, but it never reaches A (intercepted); A is abandoned.
    let intercepted = '';
    const abandon = new AbortController();
    fixture.open = async (url) => {
      intercepted = (await redirectTarget(url)).searchParams.get('code') ?? '';
      abandon.abort();
    };
    await expectRefused(fixture.service.connect({ signal: abandon.signal }), 'cancelled', /cancelled/);

    // Attempt B receives A's unused code (code injection): B's verifier cannot match A's challenge.
    fixture.open = async (url) => {
      const target = await redirectTarget(url);
      target.searchParams.set('code', intercepted);
      await fetch(target);
    };
    await expectRefused(fixture.service.connect(), 'exchange-failed', /code_verifier does not match/);
  });

  it('refuses callback requests with a wrong Host header without using them', async () => {
    fixture.github.admin.setConsent({ mode: 'approve', as: 'alice' });
    const controller = new AbortController();
    let refused: { status: number; body: string } | undefined;
    fixture.open = async (url) => {
      const target = await redirectTarget(url);
      refused = await getWithHost(target, `attacker.example:${target.port}`);
      controller.abort();
    };
    await expectRefused(fixture.service.connect({ signal: controller.signal }), 'cancelled', /cancelled/);
    expect(refused?.status).toBe(421);
    expect(refused?.body).toContain('only answers as 127.0.0.1:');
    expect(fixture.github.admin.counters().tokenExchanges).toBe(0);
  });

  it('refuses a token of another login when reconnecting a given one, naming both', async () => {
    fixture.github.admin.setConsent({ mode: 'approve', as: 'bob' });
    fixture.open = async (url) => {
      await followRedirects(url);
    };
    await expectRefused(
      fixture.service.connect({ login: 'alice' }),
      'identity-mismatch',
      /signed in as "bob", but this reconnect is for "alice"/,
    );
  });

  it('says what to configure when the OAuth App secret is missing', async () => {
    await fixture.vault.deleteAppSecret(new URL(fixture.github.webUrl).host, fixture.app.clientId);
    await expectRefused(
      fixture.service.connect(),
      'not-configured',
      /client secret .* is not in the keychain/,
    );
  });
});
