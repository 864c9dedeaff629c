import { DeskError } from '../../../../shared/contract/result.ts';
import { describeError } from '../../log/secret-redactor.ts';
import { KubeApiError } from '../kube-errors.ts';

/**
 * What a failed API call means for a re-sync item:
 * - conflict: 409 (stale resourceVersion, already exists): re-read and decide again
 * - gone: 404 of the object itself (deleted meanwhile): re-read and decide again
 * - transient: the apiserver could not be reached or is restarting (transport errors, 500/502/503/504):
 *   back off and try again, bounded; the write may or may not have landed
 * - final: anything else (403 RBAC, 422 Invalid, a 429 the client already waited out 10 times, …)
 */
export type FailureKind = 'conflict' | 'gone' | 'transient' | 'final';

const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

export function failureKind(error: unknown): FailureKind {
  if (error instanceof KubeApiError) {
    if (error.status === 409) return 'conflict';
    if (error.status === 404) return 'gone';
    return TRANSIENT_STATUSES.has(error.status) ? 'transient' : 'final';
  }
  if (error instanceof DeskError && error.code === 'cluster-unreachable') return 'transient';
  return 'final';
}

/** The apiserver's refusal as a sentence (token-free: every message passes the redactor). */
export function describeKubeFailure(error: unknown): string {
  if (error instanceof KubeApiError) {
    const message = describeError(error);
    if (error.status === 403) return `Forbidden (403): ${message}`;
    if (error.status === 429)
      return `The apiserver stayed overloaded (429 Too Many Requests) after the client waited it out: ${message.replace(/[.\s]*$/, '.')} Retry the failed items later.`;
    return `${error.reason} (${error.status}): ${message}`;
  }
  return describeError(error);
}

export interface RetryPolicy {
  /** Writes per item that may meet a 409 (or a vanished object) before the item fails. */
  readonly conflictAttempts: number;
  /** Transport failures / 5xx per item (or per read) that are retried with back-off before it fails. */
  readonly transientAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** 8 transient retries wait ≈ 0.25 + 0.5 + 1 + 2 + 4 + 5 + 5 + 5 s: enough for an apiserver restart. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  conflictAttempts: 5,
  transientAttempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 5000,
};

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Exponential back-off with jitter: many items failing together must not retry together. */
export function backOffMs(retry: number, policy: RetryPolicy): number {
  const delay = Math.min(policy.baseDelayMs * 2 ** retry, policy.maxDelayMs);
  return delay / 2 + Math.random() * (delay / 2);
}

/** Runs `call`, retrying transient failures with back-off; other failures (and the last one) are thrown. */
export async function withTransientRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  sleep: Sleep,
): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await call();
    } catch (error) {
      if (failureKind(error) !== 'transient' || retry >= policy.transientAttempts) throw error;
      await sleep(backOffMs(retry, policy));
    }
  }
}
