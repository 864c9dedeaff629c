import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { sendJson, tokenFromAuthorization } from './http-util.ts';
import type { StandInModel } from './stand-in-model.ts';

/**
 * The REST API under `/api/v3` (GitHub Enterprise Server's layout). `GET /user` is what the product uses:
 * scopes in `X-OAuth-Scopes` (absent for fine-grained tokens), per-token ETags with free 304s, primary and
 * secondary rate limits with GitHub's headers, 401 for revoked tokens.
 */
const DOCS = 'https://docs.github.com/rest';

export function createRestApi(model: StandInModel) {
  return function handle(request: IncomingMessage, response: ServerResponse, path: string): void {
    model.count('apiRequests', path);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return sendJson(response, 404, { message: 'Not Found', documentation_url: DOCS });
    if (path === '/' || path === '') return sendJson(response, 200, { current_user_url: '/api/v3/user' });
    if (path !== '/user') return sendJson(response, 404, { message: 'Not Found', documentation_url: DOCS });

    const value = tokenFromAuthorization(request.headers.authorization);
    if (!value)
      return sendJson(response, 401, {
        message: 'Requires authentication',
        documentation_url: DOCS,
        status: '401',
      });
    const token = model.findToken(value);
    const user = token && !token.revoked ? model.findUser(token.login) : undefined;
    if (!token || !user)
      return sendJson(response, 401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });

    const body = {
      login: user.login,
      id: user.id,
      node_id: Buffer.from(`04:User${user.id}`).toString('base64'),
      type: 'User',
      site_admin: false,
      name: user.name,
      email: user.email,
    };
    const scopesHeader: OutgoingHttpHeaders =
      token.kind === 'fine-grained'
        ? {}
        : { 'x-oauth-scopes': token.scopes.join(', '), 'x-accepted-oauth-scopes': '' };
    // GitHub's ETags vary by Authorization: the token and its scopes are part of the hash.
    const etag = `W/"${createHash('sha256')
      .update(`${token.value}\n${token.scopes.join(',')}\n${JSON.stringify(body)}`)
      .digest('hex')}"`;
    const notModified = request.headers['if-none-match'] === etag;

    const rate = model.chargeRateLimit(user.login, notModified);
    const rateHeaders: OutgoingHttpHeaders = {
      'x-ratelimit-limit': String(rate.limit),
      'x-ratelimit-remaining': String(rate.remaining),
      'x-ratelimit-reset': String(rate.reset),
      'x-ratelimit-used': String(rate.used),
      'x-ratelimit-resource': 'core',
    };
    if (rate.limited === 'primary')
      return sendJson(
        response,
        403,
        {
          message: `API rate limit exceeded for user ID ${user.id}.`,
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
        },
        rateHeaders,
      );
    if (rate.limited === 'secondary')
      return sendJson(
        response,
        429,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
        },
        { ...rateHeaders, 'retry-after': String(rate.retryAfterSeconds) },
      );

    const headers: OutgoingHttpHeaders = {
      ...rateHeaders,
      ...scopesHeader,
      etag,
      'cache-control': 'private, max-age=60, s-maxage=60',
      vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
      'x-github-media-type': 'github.v3; format=json',
    };
    if (notModified) {
      model.count('apiNotModified');
      response.writeHead(304, headers);
      response.end();
      return;
    }
    sendJson(response, 200, body, headers);
  };
}
