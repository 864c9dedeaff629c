import type { DeskApi } from '../../../shared/contract/desk-api.ts';
import { fail, type Result } from '../../../shared/contract/result.ts';
import type { DeskClient } from './desk-client.ts';
import { withTimeout } from './with-timeout.ts';

/** The desktop app: the preload's frozen `window.desk` bridge. */
export function createIpcClient(bridge: DeskApi): DeskClient {
  return {
    invoke(call, input) {
      const pending = bridge.invoke(call, input).catch(
        // Electron rejects invoke() when main threw outside the contract; keep it a Result all the same.
        (error: unknown): Result<never> =>
          fail('internal', error instanceof Error ? error.message : String(error)),
      );
      return withTimeout(call, pending);
    },
    on: (event, listener) => bridge.on(event, listener),
    connection: () => 'connected',
    onConnectionChange: () => () => undefined,
  };
}
