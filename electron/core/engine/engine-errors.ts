import { DeskError, type ErrorCode } from '../../../shared/contract/result.ts';
import { toDeskError } from '../cluster/kube-errors.ts';
import { KubeApiError } from '../cluster/kube-errors.ts';
import { GitHubLoginError, type LoginFailure } from '../github/login-error.ts';
import { describeError } from '../log/secret-redactor.ts';
import { VaultUnavailableError } from '../vault/token-vault.ts';

const LOGIN_CODES: Record<LoginFailure, ErrorCode> = {
  'access-denied': 'forbidden',
  'authorization-failed': 'github-error',
  'state-mismatch': 'github-error',
  'missing-code': 'github-error',
  'exchange-failed': 'github-error',
  timeout: 'timeout',
  cancelled: 'cancelled',
  'browser-failed': 'internal',
  'identity-mismatch': 'identity-mismatch',
  'token-unusable': 'github-error',
  'not-configured': 'oauth-not-configured',
};

/** Whatever the engine's parts throw, as the contract's error (code + a sentence without a token). */
export function toEngineError(error: unknown): DeskError {
  if (error instanceof DeskError) return new DeskError(error.code, describeError(error));
  if (error instanceof GitHubLoginError) return new DeskError(LOGIN_CODES[error.code], error.message);
  if (error instanceof VaultUnavailableError) return new DeskError('keychain-unavailable', error.message);
  if (error instanceof KubeApiError) return toDeskError(error);
  if (error instanceof Error && error.name === 'AbortError') return new DeskError('cancelled', 'Cancelled.');
  return new DeskError('internal', describeError(error));
}
