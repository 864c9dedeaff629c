import { QueryClient } from '@tanstack/react-query';
import { DeskError, type ErrorCode } from '../../../shared/contract/result.ts';

/** Failures that another try will not change: show them at once. */
const FINAL: ReadonlySet<ErrorCode> = new Set([
  'invalid-input',
  'not-found',
  'not-implemented',
  'forbidden',
  'kubeconfig-invalid',
  'keychain-unavailable',
  'oauth-not-configured',
  'cancelled',
  'timeout', // already waited a call's whole timeout
]);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => !(error instanceof DeskError && FINAL.has(error.code)) && failures < 2,
        // Pushed events keep the cache fresh; refetching on every focus would only load the cluster.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}
