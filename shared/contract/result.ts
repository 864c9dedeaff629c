/**
 * What every call returns. Electron keeps only `message` of an error thrown across IPC, so failures travel
 * as data: a closed set of codes the UI can act on, and a message for people (never a token).
 */
export const ERROR_CODES = [
  /** The input failed the call's schema (or the call name is not in the contract). */
  'invalid-input',
  'not-found',
  /** This build does not implement the call yet (the part of the engine behind it is missing). */
  'not-implemented',
  /** Another operation holds what this one needs (a login already waiting, a run in progress…). */
  'conflict',
  'cancelled',
  'timeout',
  /** Kubernetes RBAC or GitHub refused the operation. */
  'forbidden',
  'cluster-unreachable',
  'kubeconfig-invalid',
  'keychain-unavailable',
  'oauth-not-configured',
  'github-error',
  'github-unreachable',
  'rate-limited',
  /** The browser approved as another login than the one being reconnected. */
  'identity-mismatch',
  /** Renderer side only: the transport to the main process is down. */
  'disconnected',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DeskErrorData {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> =
  { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: DeskErrorData };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Thrown by handlers (main side) to fail a call with a specific code, and by the renderer's query functions
 * to carry a failed Result through TanStack Query. Anything else thrown in a handler becomes `internal`.
 */
export class DeskError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DeskError';
    this.code = code;
  }
}
