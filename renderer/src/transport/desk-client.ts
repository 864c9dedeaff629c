import type { DeskApi } from '../../../shared/contract/desk-api.ts';

/**
 * - connecting / connected / disconnected: the WebSocket's life (IPC is always connected)
 * - no-token: serve mode was opened without the token the server printed
 */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'no-token';

/** The contract as the renderer uses it, whichever transport carries it. */
export interface DeskClient extends DeskApi {
  connection(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}
