/**
 * Serve mode's WebSocket messages. The same calls and events as IPC, as JSON text frames:
 * renderer → main `call`, main → renderer `result` (answering a call's id) and `event`.
 */
import type { AnyEvent } from './events.ts';
import type { Result } from './result.ts';

/** Path of the WebSocket endpoint on the serve-mode origin. */
export const WIRE_PATH = '/desk';
/** The subprotocol the server selects; the token travels as a second offered subprotocol. */
export const WIRE_PROTOCOL = 'ghcr-desk.v1';
/** Prefix of the offered subprotocol that carries the per-launch token (never selected, never echoed). */
export const WIRE_TOKEN_PROTOCOL_PREFIX = 'ghcr-desk.token.';

export interface WireCall {
  readonly type: 'call';
  readonly id: number;
  readonly call: string;
  readonly input: unknown;
}

export interface WireResult {
  readonly type: 'result';
  readonly id: number;
  readonly result: Result<unknown>;
}

export type WireEvent = { readonly type: 'event' } & {
  readonly event: AnyEvent['name'];
  readonly payload: unknown;
};

export type WireMessage = WireResult | WireEvent;
