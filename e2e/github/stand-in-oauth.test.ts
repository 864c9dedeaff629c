import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStandInGitHub, type StandInGitHub } from './stand-in-github.ts';
import { TOKENS_PER_USER_APP_SCOPES } from './stand-in-model.ts';

let github: StandInGitHub;
let app: { clientId: string; clientSecret: string };

beforeAll(async () => {
  github = await startStandInGitHub();
  github.admin.createUser({ login: 'alice' });
  github.admin.createUser({ login: 'bob' });
  app = github.admin.registerApp({ name: 'Desk', callbackUrl: 'http://127.0.0.1/callback' });
});
afterAll(() => github.stop());
beforeEach(() => github.admin.setConsent({ mode: 'approve' }));

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL('/login/oauth/authorize', github.webUrl);
  url.search = new URLSearchParams({ client_id: app.clientId, ...params }).toString();
  return url.toString();
}

/** Follows nothing: returns where /authorize sends the browser. */
async function authorize(params: Record<string, string>, init: RequestInit = {}): Promise<URL> {
  const response = await fetch(authorizeUrl(params), { redirect: 'manual', ...init });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

async function exchange(params: Record<string, string>, accept = 'application/json') {
  const response = await fetch(`${github.webUrl}/login/oauth/access_token`, {
    method: 'POST',
    headers: { accept, 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: app.clientId, client_secret: app.clientSecret, ...params }),
  });
  expect(response.status).toBe(200);
  return response;
}

async function exchangeJson(params: Record<string, string>): Promise<Record<string, string>> {
  return (await (await exchange(params)).json()) as Record<string, string>;
}

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

describe('stand-in /login/oauth/authorize', () => {
  it('redirects to a loopback redirect_uri on any port (and a sub-path) with code and state', async () => {
    for (const redirect of ['http://127.0.0.1:40123/callback', 'http://127.0.0.1:5/callback/deeper']) {
      const location = await authorize({ redirect_uri: redirect, state: 's-1', login: 'alice' });
      expect(`${location.origin}${location.pathname}`).toBe(redirect);
      expect(location.searchParams.get('state')).toBe('s-1');
      expect(location.searchParams.get('code')).toMatch(/^[0-9a-f]{20}$/);
    }
  });

  it('sends a mismatching redirect_uri back to the registered callback with redirect_uri_mismatch', async () => {
    for (const redirect of [
      'http://localhost:40123/callback',
      'http://127.0.0.1:40123/other',
      'https://127.0.0.1/callback',
      'http://127.0.0.1/callbackx',
    ]) {
      const location = await authorize({ redirect_uri: redirect, state: 's-2' });
      expect(location.toString()).toMatch(/^http:\/\/127\.0\.0\.1\/callback\?/);
      expect(location.searchParams.get('error')).toBe('redirect_uri_mismatch');
      expect(location.searchParams.get('state')).toBe('s-2');
    }
  });

  it('denies with error=access_denied and the state', async () => {
    github.admin.setConsent({ mode: 'deny' });
    const location = await authorize({ redirect_uri: 'http://127.0.0.1:9/callback', state: 's-3' });
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('s-3');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('approves as the configured login regardless of the login hint', async () => {
    github.admin.setConsent({ mode: 'approve', as: 'bob' });
    const location = await authorize({ redirect_uri: 'http://127.0.0.1:9/callback', login: 'alice' });
    const { access_token } = await exchangeJson({
      code: location.searchParams.get('code') ?? '',
      redirect_uri: 'http://127.0.0.1:9/callback',
    });
    const user = await fetch(`${github.apiUrl}/user`, {
      headers: { authorization: `token ${access_token}` },
    });
    expect(((await user.json()) as { login: string }).login).toBe('bob');
  });

  it('refuses a PKCE method other than S256', async () => {
    const location = await authorize({
      redirect_uri: 'http://127.0.0.1:9/callback',
      code_challenge: pkce().challenge,
      code_challenge_method: 'plain',
    });
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('shows a consent page: account picker for prompt=select_account, Authorize and Cancel buttons', async () => {
    github.admin.setConsent({ mode: 'page' });
    const pickerPage = await (
      await fetch(
        authorizeUrl({ redirect_uri: 'http://127.0.0.1:9/callback', login: 'bob', prompt: 'select_account' }),
      )
    ).text();
    expect(pickerPage).toContain('<select id="login" name="login">');
    expect(pickerPage).toContain('<option value="bob" selected>');
    expect(pickerPage).toContain('>Authorize Desk</button>');
    expect(pickerPage).toContain('>Cancel</button>');

    const requestId = /name="request_id" value="([0-9a-f]+)"/.exec(pickerPage)?.[1] ?? '';
    const approved = await fetch(`${github.webUrl}/login/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: requestId, login: 'bob', decision: 'approve' }),
    });
    expect(new URL(approved.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    const cookie = (approved.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    // Signed in now: without prompt=select_account the page names the signed-in user instead of a picker.
    const signedIn = await (
      await fetch(authorizeUrl({ redirect_uri: 'http://127.0.0.1:9/callback' }), { headers: { cookie } })
    ).text();
    expect(signedIn).toContain('Signed in as <strong>bob</strong>');
    expect(signedIn).not.toContain('<select');

    const cancelId = /name="request_id" value="([0-9a-f]+)"/.exec(signedIn)?.[1] ?? '';
    const cancelled = await fetch(`${github.webUrl}/login/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request_id: cancelId, login: 'bob', decision: 'cancel' }),
    });
    expect(new URL(cancelled.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
  });
});

describe('stand-in /login/oauth/access_token', () => {
  const redirect = 'http://127.0.0.1:7777/callback';
  const codeFor = async (extra: Record<string, string> = {}) =>
    (await authorize({ redirect_uri: redirect, login: 'alice', ...extra })).searchParams.get('code') ?? '';

  it('mints a gho_ token carrying the requested scopes, in JSON, form or XML by Accept', async () => {
    const json = await exchangeJson({
      code: await codeFor({ scope: 'repo read:packages' }),
      redirect_uri: redirect,
    });
    expect(json['access_token']).toMatch(/^gho_[A-Za-z0-9]{36}$/);
    expect(json['token_type']).toBe('bearer');
    expect(json['scope']).toBe('read:packages,repo');
    expect(github.admin.tokenInfo({ token: json['access_token'] ?? '' })?.scopes).toEqual([
      'read:packages',
      'repo',
    ]);

    const form = await (await exchange({ code: await codeFor(), redirect_uri: redirect }, '*/*')).text();
    expect(new URLSearchParams(form).get('access_token')).toMatch(/^gho_/);
    const xml = await (
      await exchange({ code: await codeFor(), redirect_uri: redirect }, 'application/xml')
    ).text();
    expect(xml).toMatch(/^<OAuth>.*<access_token>gho_[A-Za-z0-9]{36}<\/access_token>/);
  });

  it('accepts a form-encoded body too', async () => {
    const response = await fetch(`${github.webUrl}/login/oauth/access_token`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: app.clientId,
        client_secret: app.clientSecret,
        code: await codeFor(),
        redirect_uri: redirect,
      }),
    });
    expect(((await response.json()) as { access_token?: string }).access_token).toMatch(/^gho_/);
  });

  it('refuses wrong client credentials', async () => {
    const reply = await exchangeJson({
      code: await codeFor(),
      redirect_uri: redirect,
      client_secret: 'nope',
    });
    expect(reply['error']).toBe('incorrect_client_credentials');
  });

  it('refuses a reused code', async () => {
    const code = await codeFor();
    expect((await exchangeJson({ code, redirect_uri: redirect }))['access_token']).toBeTruthy();
    const again = await exchangeJson({ code, redirect_uri: redirect });
    expect(again['error']).toBe('bad_verification_code');
    expect(again['access_token']).toBeUndefined();
  });

  it('refuses a code older than ten minutes', async () => {
    const code = await codeFor();
    github.admin.advanceClock({ ms: 10 * 60_000 + 1 });
    expect((await exchangeJson({ code, redirect_uri: redirect }))['error']).toBe('bad_verification_code');
  });

  it('refuses a redirect_uri that differs from the one authorized', async () => {
    const reply = await exchangeJson({
      code: await codeFor(),
      redirect_uri: 'http://127.0.0.1:7778/callback',
    });
    expect(reply['error']).toBe('redirect_uri_mismatch');
  });

  it('checks the PKCE S256 verifier when a challenge was sent', async () => {
    const right = pkce();
    const wrong = pkce();
    const challenged = { code_challenge: right.challenge, code_challenge_method: 'S256' };
    const refused = await exchangeJson({
      code: await codeFor(challenged),
      redirect_uri: redirect,
      code_verifier: wrong.verifier,
    });
    expect(refused['error']).toBe('invalid_grant');
    const missing = await exchangeJson({ code: await codeFor(challenged), redirect_uri: redirect });
    expect(missing['error']).toBe('invalid_grant');
    const accepted = await exchangeJson({
      code: await codeFor(challenged),
      redirect_uri: redirect,
      code_verifier: right.verifier,
    });
    expect(accepted['access_token']).toMatch(/^gho_/);
  });

  it('keeps at most ten tokens per user/app/scope set: the eleventh silently revokes the oldest', async () => {
    const mint = async (scope: string) =>
      (await exchangeJson({ code: await codeFor({ scope }), redirect_uri: redirect }))['access_token'] ?? '';
    const other = await mint('gist');
    const minted: string[] = [];
    for (let i = 0; i <= TOKENS_PER_USER_APP_SCOPES; i += 1) minted.push(await mint('admin:org'));
    const revoked = minted.map((token) => github.admin.tokenInfo({ token })?.revoked);
    expect(revoked).toEqual([true, ...Array<boolean>(TOKENS_PER_USER_APP_SCOPES).fill(false)]);
    expect(github.admin.tokenInfo({ token: other })?.revoked).toBe(false);
    expect(github.admin.tokens({ login: 'alice' }).map((t) => t.token)).toEqual(
      expect.arrayContaining(minted),
    );
  });
});
