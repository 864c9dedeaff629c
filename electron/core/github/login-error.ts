import { redactSecrets } from '../log/secret-redactor.ts';

/** Why a GitHub login did not produce a stored token; each has its own sentence for people. */
export type LoginFailure =
  | 'access-denied'
  | 'authorization-failed'
  | 'state-mismatch'
  | 'missing-code'
  | 'exchange-failed'
  | 'timeout'
  | 'cancelled'
  | 'browser-failed'
  | 'identity-mismatch'
  | 'token-unusable'
  | 'not-configured';

export class GitHubLoginError extends Error {
  readonly code: LoginFailure;

  constructor(code: LoginFailure, message: string) {
    // Whatever the message quotes (GitHub's replies, causes), it leaves without a token.
    super(redactSecrets(message));
    this.name = 'GitHubLoginError';
    this.code = code;
  }
}
