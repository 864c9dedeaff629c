import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, readParams, redirect, sendHtml } from './http-util.ts';
import { redirectUriAllowed } from './redirect-uri.ts';
import { normalizeScopes, type StandInApp, type StandInModel } from './stand-in-model.ts';
import { randomHex } from './token-shapes.ts';

/**
 * GitHub's OAuth web flow: `/login/oauth/authorize` (consent page, auto-approve, deny) and
 * `/login/oauth/access_token` (client credentials, single-use codes with a 10-minute life, redirect_uri,
 * PKCE S256), with GitHub's error shapes and reply formats.
 */

const DOCS = 'https://docs.github.com/apps/managing-oauth-apps';
const SESSION_COOKIE = 'stand_in_user';

interface PendingConsent {
  readonly app: StandInApp;
  readonly redirectUri: string;
  readonly requestedRedirectUri?: string;
  readonly scopes: readonly string[];
  readonly state?: string;
  readonly codeChallenge?: string;
}

export function createOAuthWeb(model: StandInModel) {
  const pending = new Map<string, PendingConsent>();

  function redirectWith(
    response: ServerResponse,
    target: string,
    params: Record<string, string | undefined>,
  ) {
    const url = new URL(target);
    for (const [name, value] of Object.entries(params))
      if (value !== undefined) url.searchParams.set(name, value);
    redirect(response, url.toString());
  }

  function deny(response: ServerResponse, consent: PendingConsent): void {
    redirectWith(response, consent.redirectUri, {
      error: 'access_denied',
      error_description: 'The user has denied your application access.',
      error_uri: `${DOCS}/troubleshooting-authorization-request-errors/#access-denied`,
      state: consent.state,
    });
  }

  function approve(response: ServerResponse, consent: PendingConsent, login: string): void {
    const code = model.issueCode({
      clientId: consent.app.clientId,
      login,
      scopes: consent.scopes,
      ...(consent.requestedRedirectUri ? { redirectUri: consent.requestedRedirectUri } : {}),
      ...(consent.codeChallenge ? { codeChallenge: consent.codeChallenge } : {}),
    });
    const url = new URL(consent.redirectUri);
    url.searchParams.set('code', code);
    if (consent.state !== undefined) url.searchParams.set('state', consent.state);
    redirect(response, url.toString(), {
      'set-cookie': `${SESSION_COOKIE}=${encodeURIComponent(login)}; Path=/; HttpOnly; SameSite=Lax`,
    });
  }

  async function authorize(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    model.count('authorizeRequests');
    const params = await readParams(request, url);
    if (request.method === 'POST') return decide(response, params);

    const app = params['client_id'] ? model.findApp(params['client_id']) : undefined;
    if (!app) return sendHtml(response, 404, page('Not Found', '<p>No OAuth app has this client_id.</p>'));
    const requested = params['redirect_uri'];
    if (requested && !redirectUriAllowed(app.callbackUrl, requested)) {
      return redirectWith(response, app.callbackUrl, {
        error: 'redirect_uri_mismatch',
        error_description: 'The redirect_uri MUST match the registered callback URL for this application.',
        error_uri: `${DOCS}/troubleshooting-authorization-request-errors/#redirect-uri-mismatch`,
        state: params['state'],
      });
    }
    const consent: PendingConsent = {
      app,
      redirectUri: requested ?? app.callbackUrl,
      ...(requested ? { requestedRedirectUri: requested } : {}),
      scopes: normalizeScopes([params['scope'] ?? '']),
      ...(params['state'] !== undefined ? { state: params['state'] } : {}),
      ...(params['code_challenge'] ? { codeChallenge: params['code_challenge'] } : {}),
    };
    if (params['code_challenge'] && params['code_challenge_method'] !== 'S256') {
      return redirectWith(response, consent.redirectUri, {
        error: 'invalid_request',
        error_description: 'code_challenge_method must be S256.',
        state: consent.state,
      });
    }

    const mode = model.consent();
    if (mode.mode === 'deny') return deny(response, consent);
    if (mode.mode === 'approve') {
      const user = model.findUser(mode.as ?? params['login'] ?? '');
      if (!user)
        return sendHtml(response, 400, page('Sign in', '<p>Auto-approve has no user to approve as.</p>'));
      return approve(response, consent, user.login);
    }

    const requestId = randomHex(16);
    pending.set(requestId, consent);
    const session = sessionLogin(request);
    const pick = params['prompt'] === 'select_account' || !session;
    const preselected = model.findUser(params['login'] ?? '')?.login ?? session;
    return sendHtml(response, 200, consentPage(consent, requestId, pick, preselected));
  }

  function decide(response: ServerResponse, params: Record<string, string>): void {
    const consent = pending.get(params['request_id'] ?? '');
    if (!consent)
      return sendHtml(response, 400, page('Expired', '<p>This authorization request is gone.</p>'));
    pending.delete(params['request_id'] ?? '');
    if (params['decision'] !== 'approve') return deny(response, consent);
    const user = model.findUser(params['login'] ?? '');
    if (!user) return sendHtml(response, 400, page('Sign in', '<p>Unknown account.</p>'));
    return approve(response, consent, user.login);
  }

  function sessionLogin(request: IncomingMessage): string | undefined {
    const cookie = (request.headers.cookie ?? '')
      .split(';')
      .map((part) => part.trim().split('='))
      .find(([name]) => name === SESSION_COOKIE);
    return cookie?.[1] ? model.findUser(decodeURIComponent(cookie[1]))?.login : undefined;
  }

  function consentPage(
    consent: PendingConsent,
    requestId: string,
    pick: boolean,
    preselected?: string,
  ): string {
    const appName = escapeHtml(consent.app.name);
    const who = pick
      ? `<label for="login">Account</label>
         <select id="login" name="login">${model
           .users()
           .map(
             (u) =>
               `<option value="${escapeHtml(u.login)}"${u.login === preselected ? ' selected' : ''}>${escapeHtml(u.login)}</option>`,
           )
           .join('')}</select>`
      : `<p>Signed in as <strong>${escapeHtml(preselected ?? '')}</strong></p>
         <input type="hidden" name="login" value="${escapeHtml(preselected ?? '')}">`;
    const scopes = consent.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
    return page(
      `Authorize ${appName}`,
      `<h1>Authorize ${appName}</h1>
       <form method="post" action="/login/oauth/authorize">
         <input type="hidden" name="request_id" value="${requestId}">
         ${who}
         <p>${appName} wants these scopes:</p><ul>${scopes || '<li>(no scopes: public information only)</li>'}</ul>
         <p>You will be redirected to ${escapeHtml(new URL(consent.redirectUri).origin)}</p>
         <button type="submit" name="decision" value="cancel">Cancel</button>
         <button type="submit" name="decision" value="approve">Authorize ${appName}</button>
       </form>`,
    );
  }

  async function accessToken(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    model.count('tokenExchanges');
    const params = await readParams(request, url);
    const reply = (fields: Record<string, string>) => sendOAuthReply(request, response, fields);
    const fail = (error: string, description: string, anchor: string) =>
      reply({
        error,
        error_description: description,
        error_uri: `${DOCS}/troubleshooting-oauth-app-access-token-request-errors/#${anchor}`,
      });

    const app = model.findApp(params['client_id'] ?? '');
    if (!app || params['client_secret'] !== app.clientSecret)
      return fail(
        'incorrect_client_credentials',
        'The client_id and/or client_secret passed are incorrect.',
        'incorrect-client-credentials',
      );
    const code = model.findCode(params['code'] ?? '');
    if (
      !code ||
      code.clientId !== app.clientId ||
      code.used ||
      model.now() - code.createdAt > model.codeLifetimeMs
    )
      return fail(
        'bad_verification_code',
        'The code passed is incorrect or expired.',
        'bad-verification-code',
      );
    code.used = true; // single use, whatever the outcome: a failed verifier cannot be retried
    if (code.codeChallenge) {
      const verifier = params['code_verifier'] ?? '';
      const computed = createHash('sha256').update(verifier).digest('base64url');
      if (computed !== code.codeChallenge)
        return fail(
          'invalid_grant',
          'The code_verifier does not match the code_challenge sent to /login/oauth/authorize.',
          'bad-verification-code',
        );
    }
    if (code.redirectUri && params['redirect_uri'] !== code.redirectUri)
      return fail(
        'redirect_uri_mismatch',
        'The redirect_uri MUST match the registered callback URL for this application.',
        'redirect-uri-mismatch',
      );
    const token = model.issueOAuthToken(code);
    return reply({ access_token: token.value, token_type: 'bearer', scope: token.scopes.join(',') });
  }

  return { authorize, accessToken };
}

/** GitHub answers the token endpoint with 200 in JSON, XML or form encoding, by `Accept`. */
function sendOAuthReply(
  request: IncomingMessage,
  response: ServerResponse,
  fields: Record<string, string>,
): void {
  const accept = request.headers.accept ?? '';
  let type = 'application/x-www-form-urlencoded; charset=utf-8';
  let body = new URLSearchParams(fields).toString();
  if (accept.includes('application/json')) {
    type = 'application/json; charset=utf-8';
    body = JSON.stringify(fields);
  } else if (accept.includes('application/xml')) {
    type = 'application/xml; charset=utf-8';
    body = `<OAuth>${Object.entries(fields)
      .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
      .join('')}</OAuth>`;
  }
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] as string);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto}button{margin-right:.5rem}</style>
</head><body>${body}</body></html>`;
}
