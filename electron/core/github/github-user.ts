import { describeError } from '../log/secret-redactor.ts';

export interface RateLimitInfo {
  /** `x-ratelimit-remaining`, when sent. */
  readonly remaining?: number;
  /** `x-ratelimit-reset` in epoch milliseconds, when sent. */
  readonly resetAt?: number;
}

/** What `GET /user` said about a token. */
export type UserProbe =
  | {
      readonly kind: 'ok';
      readonly login: string;
      /** `X-OAuth-Scopes`; undefined when GitHub sent none (fine-grained and GitHub App tokens). */
      readonly scopes: readonly string[] | undefined;
      readonly etag?: string;
      readonly rate: RateLimitInfo;
    }
  | { readonly kind: 'not-modified'; readonly rate: RateLimitInfo }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'rate-limited'; readonly retryAt: number }
  | { readonly kind: 'failed'; readonly message: string };

export interface UserProbeInput {
  readonly apiUrl: string;
  readonly token: string;
  /** The ETag of an earlier answer for this same token: GitHub answers 304 (free) when nothing changed. */
  readonly etag?: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

const REQUEST_TIMEOUT_MS = 30_000;
/** GitHub: without `retry-after` or a reset time, wait at least a minute before retrying. */
const DEFAULT_RETRY_MS = 60_000;

/** `GET /user` with the token: who it belongs to, its scopes, and the rate-limit state. */
export async function probeUser(input: UserProbeInput): Promise<UserProbe> {
  const now = input.now ?? Date.now;
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  let response: Response;
  try {
    response = await (input.fetch ?? fetch)(`${input.apiUrl}/user`, {
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `token ${input.token}`,
        'user-agent': 'ghcr-desk',
        ...(input.etag ? { 'if-none-match': input.etag } : {}),
      },
      signal: input.signal ? AbortSignal.any([input.signal, timeout]) : timeout,
    });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return {
      kind: 'failed',
      message: `Could not reach GitHub at ${input.apiUrl}: ${describeError(cause ?? error)}`,
    };
  }
  const rate = rateLimitInfo(response.headers);
  const retryAfter = Number(response.headers.get('retry-after'));
  const limited =
    response.status === 429 ||
    (response.status === 403 && (response.headers.has('retry-after') || rate.remaining === 0));
  if (limited) {
    const retryAt =
      Number.isFinite(retryAfter) && response.headers.has('retry-after')
        ? now() + retryAfter * 1000
        : (rate.resetAt ?? now() + DEFAULT_RETRY_MS);
    await response.body?.cancel();
    return { kind: 'rate-limited', retryAt };
  }
  if (response.status === 304) return { kind: 'not-modified', rate };
  if (response.status === 401) {
    await response.body?.cancel();
    return { kind: 'unauthorized' };
  }
  if (response.status !== 200) {
    const text = await response.text().catch(() => '');
    const message = (safeJson(text) as { message?: unknown } | undefined)?.message;
    return {
      kind: 'failed',
      message: describeError(
        `GitHub answered HTTP ${response.status}${typeof message === 'string' ? `: ${message}` : ''}`,
      ),
    };
  }
  const body = safeJson(await response.text()) as { login?: unknown } | undefined;
  if (typeof body?.login !== 'string')
    return { kind: 'failed', message: 'GitHub’s /user answer has no login' };
  const header = response.headers.get('x-oauth-scopes');
  return {
    kind: 'ok',
    login: body.login,
    scopes:
      header === null
        ? undefined
        : header
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    ...(response.headers.get('etag') ? { etag: response.headers.get('etag') as string } : {}),
    rate,
  };
}

function rateLimitInfo(headers: Headers): RateLimitInfo {
  const remaining = headers.get('x-ratelimit-remaining');
  const reset = headers.get('x-ratelimit-reset');
  return {
    ...(remaining !== null && Number.isFinite(Number(remaining)) ? { remaining: Number(remaining) } : {}),
    ...(reset !== null && Number.isFinite(Number(reset)) ? { resetAt: Number(reset) * 1000 } : {}),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
