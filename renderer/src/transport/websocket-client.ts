import { fail, type Result } from '../../../shared/contract/result.ts';
import {
  WIRE_PATH,
  WIRE_PROTOCOL,
  WIRE_TOKEN_PROTOCOL_PREFIX,
  type WireCall,
  type WireMessage,
} from '../../../shared/contract/wire.ts';
import type { ConnectionState, DeskClient } from './desk-client.ts';
import { withTimeout } from './with-timeout.ts';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

type Listener = (payload: unknown) => void;

/**
 * Serve mode: the contract over one WebSocket to the page's own origin. Calls made while the socket is
 * down wait for it (bounded by their timeout); a dropped socket reconnects with back-off and its pending
 * calls fail as `disconnected` rather than hang.
 */
export function createWebSocketClient(token: string): DeskClient {
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${WIRE_PATH}`;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const queued: WireCall[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retryMs = RETRY_MIN_MS;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of connectionListeners) listener(state);
  }

  function open(): void {
    const ws = new WebSocket(url, [WIRE_PROTOCOL, WIRE_TOKEN_PROTOCOL_PREFIX + token]);
    socket = ws;
    ws.onopen = () => {
      retryMs = RETRY_MIN_MS;
      setState('connected');
      for (const call of queued.splice(0)) ws.send(JSON.stringify(call));
    };
    ws.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as WireMessage;
      if (data.type === 'result') {
        pending.get(data.id)?.(data.result);
        pending.delete(data.id);
      } else {
        for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
      }
    };
    ws.onclose = () => {
      socket = undefined;
      for (const [id, settle] of pending) {
        if (queued.some((call) => call.id === id)) continue; // not sent yet: it waits for the next socket
        settle(fail('disconnected', 'The connection to ghcr-desk was lost.'));
        pending.delete(id);
      }
      setState('disconnected');
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    };
  }
  open();

  return {
    invoke(call, input) {
      const id = nextId++;
      const message: WireCall = { type: 'call', id, call, input };
      const answer = new Promise<Result<unknown>>((resolve) => pending.set(id, resolve));
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
      else queued.push(message);
      return withTimeout(call, answer).finally(() => {
        pending.delete(id);
        const index = queued.findIndex((queuedCall) => queuedCall.id === id);
        if (index !== -1) queued.splice(index, 1);
      }) as Promise<Result<never>>;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const untyped = listener as Listener;
      set.add(untyped);
      return () => void set.delete(untyped);
    },
    connection: () => state,
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => void connectionListeners.delete(listener);
    },
  };
}
