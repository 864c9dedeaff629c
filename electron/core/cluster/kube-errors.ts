import { describeError } from '../log/secret-redactor.ts';
import { DeskError } from '../../../shared/contract/result.ts';

/** A refusal by the apiserver, with the parts of its Status object callers act on. */
export class KubeApiError extends Error {
  readonly status: number;
  /** Status.reason: NotFound, AlreadyExists, Conflict, Forbidden, Invalid, TooManyRequests, Gone, … */
  readonly reason: string;
  readonly retryAfterSeconds: number | undefined;
  constructor(status: number, reason: string, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'KubeApiError';
    this.status = status;
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The first `code` (ECONNREFUSED, ENOTFOUND, …) or HTTP status along an error's cause chain. */
export function errorCode(error: unknown): string | number | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** "fetch failed: bad port": undici hides the useful part in `cause`. */
function causeChain(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    parts.push(describeError(current));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(': ');
}

/** What went wrong reaching the apiserver, and what to do, in a sentence. */
export function describeUnreachable(server: string, error: unknown, timeoutMs: number): string {
  const code = errorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `Nothing answers at ${server} (connection refused). Is the cluster running, or is a VPN or tunnel needed?`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `The connection to ${server} was cut. The apiserver may be restarting; try again in a moment.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host of ${server} cannot be resolved. Check the server address in the kubeconfig and your DNS or VPN.`;
    case 'timeout':
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `${server} did not answer within ${Math.round(timeoutMs / 1000)} s. Check the network path (VPN, firewall) to the cluster.`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'CERT_HAS_EXPIRED':
      return `The TLS certificate of ${server} is not trusted (${code}). Check certificate-authority-data in the kubeconfig.`;
    default:
      return `Cannot reach ${server}: ${causeChain(error)}`;
  }
}

/**
 * Why the kubeconfig's credentials could not be produced. client-node runs `exec` credential plugins
 * itself; a plugin missing from PATH is common when a GUI app does not inherit the shell's PATH.
 */
export function describeCredentialFailure(
  userName: string,
  command: string | undefined,
  error: unknown,
): string {
  if (command && (errorCode(error) === 'ENOENT' || /ENOENT|not found/i.test(describeError(error)))) {
    return (
      `The kubeconfig user "${userName}" gets its credentials by running "${command}", which is not on PATH ` +
      `(${process.env['PATH'] ?? 'PATH is empty'}). Install it, or start ghcr-desk from a shell that has it on PATH.`
    );
  }
  return `The credentials of kubeconfig user "${userName}" could not be produced: ${causeChain(error)}`;
}

/** Maps anything the client throws onto the contract's error codes, for handlers that let it escape. */
export function toDeskError(error: unknown): DeskError {
  if (error instanceof DeskError) return error;
  if (error instanceof KubeApiError) {
    if (error.status === 401)
      return new DeskError(
        'kubeconfig-invalid',
        `The cluster refused the kubeconfig's credentials (401 ${error.message}): they may have expired or been revoked. Log in again (or renew what the exec plugin hands out), then retry.`,
      );
    if (error.status === 403) return new DeskError('forbidden', error.message);
    if (error.status === 404) return new DeskError('not-found', error.message);
    if (error.status === 409) return new DeskError('conflict', error.message);
    if (error.status === 429) return new DeskError('rate-limited', error.message);
    return new DeskError('internal', error.message);
  }
  return new DeskError('internal', describeError(error));
}
