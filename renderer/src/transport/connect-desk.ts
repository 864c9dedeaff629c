import type { DeskApi } from '../../../shared/contract/desk-api.ts';
import type { DeskClient } from './desk-client.ts';
import { createIpcClient } from './ipc-client.ts';
import { takeServeToken } from './serve-token.ts';
import { createWebSocketClient } from './websocket-client.ts';

/** A client that can never connect: serve mode opened without its token. */
function tokenlessClient(): DeskClient {
  return {
    invoke: async () => ({
      ok: false,
      error: {
        code: 'disconnected',
        message: 'Open the URL that ghcr-desk serve printed: it carries the access token.',
      },
    }),
    on: () => () => undefined,
    connection: () => 'no-token',
    onConnectionChange: () => () => undefined,
  };
}

/**
 * The one place that knows which transport runs: the desktop app's preload bridge when there is one,
 * else serve mode's WebSocket with the token from the URL fragment. Nothing else in the renderer asks.
 */
export function connectDesk(): DeskClient {
  const bridge = (globalThis as { desk?: DeskApi }).desk;
  if (bridge) return createIpcClient(bridge);
  const token = takeServeToken();
  return token ? createWebSocketClient(token) : tokenlessClient();
}
