import { Octokit } from '@octokit/core';
import { OAuthApp } from '@octokit/oauth-app';
import { describeError, rememberSecret } from '../log/secret-redactor.ts';
import type { GitHubEndpoints } from './endpoints.ts';
import { GitHubLoginError } from './login-error.ts';
import type { PkcePair } from './pkce.ts';

export interface OAuthClientOptions {
  readonly endpoints: GitHubEndpoints;
  readonly clientId: string;
  readonly clientSecret: string;
  /** One pair per login attempt: the challenge goes into the URL, the verifier into the exchange. */
  readonly pkce: PkcePair;
  readonly signal?: AbortSignal;
}

export interface AuthorizationUrlInput {
  readonly state: string;
  readonly redirectUrl: string;
  readonly scopes: readonly string[];
  /** Suggests an account on GitHub's page. */
  readonly login?: string;
  /** `prompt=select_account`: GitHub shows its account picker even when someone is signed in. */
  readonly selectAccount?: boolean;
}

/**
 * The OAuth App side of a login through `@octokit/oauth-app`, plus PKCE S256, which it does not send.
 * The GitHub host comes from the Octokit class (`Octokit.defaults({ baseUrl })`); the OAuthApp
 * constructor's own `baseUrl` option is ignored by its methods. oauth-app derives the web host by
 * stripping `/api/v3` (or `api.` for github.com).
 */
export function createOAuthClient(options: OAuthClientOptions) {
  const app = new OAuthApp({
    clientType: 'oauth-app',
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    Octokit: Octokit.defaults({
      baseUrl: options.endpoints.apiUrl,
      ...(options.signal ? { request: { signal: options.signal } } : {}),
    }),
  });
  // oauth-methods posts only client_id, client_secret, code and redirect_uri: add the PKCE verifier.
  app.octokit.hook.before('request', (request) => {
    if (request.url === '/login/oauth/access_token') request['code_verifier'] = options.pkce.verifier;
  });

  return {
    authorizationUrl(input: AuthorizationUrlInput): string {
      const { url } = app.getWebFlowAuthorizationUrl({
        state: input.state,
        redirectUrl: input.redirectUrl,
        scopes: [...input.scopes],
        allowSignup: false,
        ...(input.login ? { login: input.login } : {}),
      });
      const withPkce = new URL(url);
      withPkce.searchParams.set('code_challenge', options.pkce.challenge);
      withPkce.searchParams.set('code_challenge_method', 'S256');
      if (input.selectAccount) withPkce.searchParams.set('prompt', 'select_account');
      return withPkce.toString();
    },

    /** Trades the code for a token; GitHub's refusal becomes a `GitHubLoginError('exchange-failed')`. */
    async exchange(input: { readonly code: string; readonly redirectUrl: string }): Promise<string> {
      let token: string;
      try {
        const { authentication } = await app.createToken({
          code: input.code,
          redirectUrl: input.redirectUrl,
        });
        token = authentication.token;
      } catch (error) {
        throw new GitHubLoginError('exchange-failed', exchangeFailure(error, options.endpoints.webUrl));
      }
      if (!token)
        throw new GitHubLoginError('exchange-failed', 'GitHub answered the code exchange without a token.');
      rememberSecret(token);
      return token;
    },
  };
}

function exchangeFailure(error: unknown, webUrl: string): string {
  const data = (error as { response?: { data?: { error?: unknown; error_description?: unknown } } }).response
    ?.data;
  if (typeof data?.error === 'string') {
    const description =
      typeof data.error_description === 'string' ? data.error_description.replace(/\.$/, '') : data.error;
    return `GitHub refused the authorization code: ${description} (${data.error}). Nothing was stored; try connecting again.`;
  }
  return `Could not exchange the authorization code at ${webUrl}: ${describeError(error)}`;
}
