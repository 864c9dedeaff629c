import type { IncomingHttpHeaders } from 'node:http';
import { WIRE_PATH, WIRE_PROTOCOL, WIRE_TOKEN_PROTOCOL_PREFIX } from '../../../shared/contract/wire.ts';
import { tokenMatches } from './serve-token.ts';

export type UpgradeVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly status: 401 | 403 | 404 | 421; readonly reason: string };

export interface UpgradeExpectations {
  /** Exactly `127.0.0.1:PORT`. */
  readonly host: string;
  /** Exactly `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly token: string;
}

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::ffff:127.0.0.1']);

export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK_ADDRESSES.has(address);
}

/** The offered subprotocols (`Sec-WebSocket-Protocol: a, b`), trimmed. */
function offeredProtocols(headers: IncomingHttpHeaders): string[] {
  return (headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter(Boolean);
}

/**
 * Who may open serve mode's WebSocket: a loopback peer, asking for this exact Host (a rebinding
 * attacker's page sends its own host name), from this exact Origin (another site's page, even on
 * 127.0.0.1, has another origin), on the endpoint's path, offering the per-launch token. Refusals never
 * say anything about the token beyond "missing or wrong".
 */
export function checkUpgrade(
  request: { readonly url?: string; readonly headers: IncomingHttpHeaders },
  remoteAddress: string | undefined,
  expected: UpgradeExpectations,
): UpgradeVerdict {
  if (!isLoopbackAddress(remoteAddress))
    return { allowed: false, status: 403, reason: 'not a loopback peer' };
  if (request.headers.host !== expected.host)
    return { allowed: false, status: 421, reason: 'unexpected Host header' };
  if (request.headers.origin !== expected.origin)
    return { allowed: false, status: 403, reason: 'unexpected Origin' };
  if (new URL(request.url ?? '/', `http://${expected.host}`).pathname !== WIRE_PATH)
    return { allowed: false, status: 404, reason: 'no such endpoint' };
  const protocols = offeredProtocols(request.headers);
  const tokens = protocols.filter((protocol) => protocol.startsWith(WIRE_TOKEN_PROTOCOL_PREFIX));
  const [offered] = tokens;
  if (
    !protocols.includes(WIRE_PROTOCOL) ||
    offered === undefined ||
    tokens.length !== 1 ||
    !tokenMatches(offered.slice(WIRE_TOKEN_PROTOCOL_PREFIX.length), expected.token)
  )
    return { allowed: false, status: 401, reason: 'missing or wrong token' };
  return { allowed: true };
}
