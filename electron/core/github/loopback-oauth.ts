import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../log/logger.ts';
import { describeError } from '../log/secret-redactor.ts';
import type { GitHubEndpoints } from './endpoints.ts';
import { GitHubLoginError } from './login-error.ts';
import { createOAuthClient } from './oauth-client.ts';
import { createPkcePair } from './pkce.ts';

/** Opens a URL in the user's own browser (Electron: `shell.openExternal`; the CLI: `open`/`xdg-open`). */
export type BrowserOpener = (url: string) => Promise<void>;

export interface LoopbackLoginOptions {
  readonly endpoints: GitHubEndpoints;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Requested scopes: the configured required set. */
  readonly scopes: readonly string[];
  /** The login being reconnected, suggested to GitHub (`login=`). */
  readonly login?: string;
  /** Ask GitHub for its account picker (`prompt=select_account`). */
  readonly selectAccount?: boolean;
  readonly openBrowser: BrowserOpener;
  readonly signal?: AbortSignal;
  /** Told when the browser came back with a code and the exchange starts (a reconnect shows its stages). */
  readonly onExchange?: () => void;
  /** How long to wait for the browser to come back; GitHub's codes live 10 minutes, so do we. */
  readonly timeoutMs?: number;
}

export const DEFAULT_LOGIN_TIMEOUT_MS = 10 * 60_000;
const LOOPBACK = '127.0.0.1';
const CALLBACK_PATH = '/callback';
const log = createLogger('github.oauth');

/**
 * OAuth for native apps (RFC 8252, RFC 9700): a one-shot listener on 127.0.0.1 with a free port, the system
 * browser, `state` and PKCE S256. The first request to `/callback` with the right Host ends the attempt: the
 * listener closes, `state` is compared before anything else, then the code is exchanged. Requests with any
 * other Host (DNS rebinding) or path are refused and do not count. Resolves with the new token.
 */
export async function runLoopbackLogin(options: LoopbackLoginOptions): Promise<string> {
  const signal = options.signal;
  if (signal?.aborted) throw cancelled();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, resolve);
  });
  const expectedHost = `${LOOPBACK}:${(server.address() as AddressInfo).port}`;
  const redirectUrl = `http://${expectedHost}${CALLBACK_PATH}`;
  const state = randomBytes(32).toString('base64url');
  const client = createOAuthClient({
    endpoints: options.endpoints,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    pkce: createPkcePair(),
    ...(signal ? { signal } : {}),
  });
  const authorizationUrl = client.authorizationUrl({
    state,
    redirectUrl,
    scopes: options.scopes,
    ...(options.login ? { login: options.login } : {}),
    ...(options.selectAccount ? { selectAccount: true } : {}),
  });

  return new Promise<string>((resolve, reject) => {
    let settled = false;
    let callbackTaken = false;
    const finish = (outcome: { token: string } | { error: GitHubLoginError }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      server.close();
      server.closeIdleConnections();
      if ('token' in outcome) {
        log.info('login completed', { host: options.endpoints.host });
        resolve(outcome.token);
      } else {
        log.warn('login failed', {
          host: options.endpoints.host,
          code: outcome.error.code,
          reason: outcome.error.message,
        });
        reject(outcome.error);
      }
    };
    const onAbort = () => finish({ error: cancelled() });
    const timer = setTimeout(
      () =>
        finish({
          error: new GitHubLoginError(
            'timeout',
            `GitHub did not answer within ${formatDuration(options.timeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS)}. Nothing was stored; start the login again.`,
          ),
        }),
      options.timeoutMs ?? DEFAULT_LOGIN_TIMEOUT_MS,
    );
    signal?.addEventListener('abort', onAbort, { once: true });

    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (request.headers.host !== expectedHost) {
        log.warn('callback refused: unexpected Host header', { host: request.headers.host ?? '' });
        return sendPage(response, 421, 'Wrong address', 'This address only answers as ' + expectedHost + '.');
      }
      const url = new URL(request.url ?? '/', `http://${expectedHost}`);
      if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH || callbackTaken || settled)
        return sendPage(response, 404, 'Not found', 'Nothing here.');
      callbackTaken = true;
      server.close(); // one callback per attempt: nobody else gets to try a code or a state
      handleCallback(url.searchParams).then(
        (token) => {
          sendPage(response, 200, 'GitHub connected', 'You can close this tab and return to ghcr-desk.');
          finish({ token });
        },
        (error: unknown) => {
          const failure =
            error instanceof GitHubLoginError
              ? error
              : new GitHubLoginError('exchange-failed', `The login failed: ${describeError(error)}`);
          sendPage(response, 400, 'GitHub login failed', `${failure.message} You can close this tab.`);
          finish({ error: failure });
        },
      );
    });

    async function handleCallback(params: URLSearchParams): Promise<string> {
      if (!sameSecret(params.get('state') ?? '', state))
        throw new GitHubLoginError(
          'state-mismatch',
          'The answer from the browser does not belong to this login (state mismatch): it may be forged or stale. Nothing was stored; start the login again.',
        );
      const error = params.get('error');
      if (error === 'access_denied')
        throw new GitHubLoginError(
          'access-denied',
          'Access was denied on GitHub’s page. Nothing was stored.',
        );
      if (error)
        throw new GitHubLoginError(
          'authorization-failed',
          `GitHub refused the authorization: ${params.get('error_description') ?? error} (${error}). Nothing was stored.`,
        );
      const code = params.get('code');
      if (!code)
        throw new GitHubLoginError(
          'missing-code',
          'GitHub came back without an authorization code. Nothing was stored; start the login again.',
        );
      options.onExchange?.();
      return client.exchange({ code, redirectUrl });
    }

    log.info('login started', { host: options.endpoints.host, redirect: redirectUrl });
    options.openBrowser(authorizationUrl).catch((error: unknown) =>
      finish({
        error: new GitHubLoginError(
          'browser-failed',
          `Could not open the system browser: ${describeError(error)}`,
        ),
      }),
    );
  });
}

function formatDuration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.ceil(ms / 1000)} s`;
}

function cancelled(): GitHubLoginError {
  return new GitHubLoginError('cancelled', 'The GitHub login was cancelled. Nothing was stored.');
}

function sameSecret(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The page the browser shows after the redirect: no code, no token, nothing loaded from anywhere (CSP
 * `default-src 'none'`), no Referer leaking the callback URL, not cached, not framable.
 */
function sendPage(response: ServerResponse, status: number, title: string, text: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>ghcr-desk — ${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    connection: 'close',
  });
  response.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
