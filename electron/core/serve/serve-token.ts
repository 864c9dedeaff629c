import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, base64url: valid inside a Sec-WebSocket-Protocol value and a URL fragment. */
export function createServeToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Constant-time comparison. Both sides are hashed first so the comparison neither leaks the token's
 * length nor needs equal-length inputs (timingSafeEqual throws on those).
 */
export function tokenMatches(candidate: string, expected: string): boolean {
  return timingSafeEqual(digest(candidate), digest(expected));
}
