import { describeError } from '../../log/secret-redactor.ts';
import { describeUnreachable, KubeApiError } from '../kube-errors.ts';

/**
 * Why a pod watch stopped, as the Status banner says it. A LIST failure is the kube client's (a
 * KubeApiError or a sentence already); client-node's watch rejects with the HTTP status on an Error, or
 * with undici's transport error.
 */
export function describeWatchFailure(server: string, error: unknown): string {
  const status =
    error instanceof KubeApiError
      ? error.status
      : (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (status === 403)
    return `The kubeconfig's user may not list or watch pods and events in all namespaces (403 Forbidden): ${describeError(error)}`;
  if (status === 401)
    return "The cluster refused the kubeconfig's credentials (401 Unauthorized): they may have expired or been revoked.";
  if (typeof status === 'number') return `The apiserver answered ${status}: ${describeError(error)}`;
  if (error instanceof Error && error.name === 'DeskError') return describeError(error);
  return describeUnreachable(server, error, 30_000);
}
