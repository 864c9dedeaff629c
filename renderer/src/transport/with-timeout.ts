import { callTimeoutMs, type CallName } from '../../../shared/contract/names.ts';
import { fail, type Result } from '../../../shared/contract/result.ts';

/** Every call ends: with its answer, or with a `timeout` Result the UI offers to retry. */
export function withTimeout<T>(call: CallName, pending: Promise<Result<T>>): Promise<Result<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Result<T>>((resolve) => {
    const ms = callTimeoutMs(call);
    timer = setTimeout(() => resolve(fail('timeout', `No answer to ${call} within ${ms / 1000} s.`)), ms);
  });
  return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
}
