/**
 * The one place that knows every secret the process has seen. Whatever reads a token (keychain, OAuth
 * exchange, a pull secret, stdin) calls `rememberSecret`; every log line, error message and payload that
 * leaves the core passes through `redactSecrets`. Shapes of GitHub tokens and Authorization headers are
 * redacted even when nobody remembered them.
 */
const REDACTED = '[redacted]';
const MIN_SECRET_LENGTH = 8; // shorter strings would redact ordinary words

const known = new Set<string>();

const TOKEN_SHAPES: readonly RegExp[] = [
  /\b(?:gh[pousr]_[A-Za-z0-9_]{16,255}|github_pat_[A-Za-z0-9_]{20,255})\b/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9+/=._~-]{8,}/gi,
  // `Authorization: token <value>`; the value must look like a credential (a digit or `_`, 16+ characters)
  // so that prose such as ghcr's "The token provided does not match expected scopes." stays readable.
  /\b(token)\s+(?=[A-Za-z0-9+/=.~-]*[0-9_])[A-Za-z0-9+/=._~-]{16,}/gi,
];

export function rememberSecret(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) return;
  known.add(secret);
  // A .dockerconfigjson `auth` field is base64("login:token"); its tail depends only on the token's
  // alignment, so remember the token's base64 forms at all three offsets too.
  for (const pad of ['', 'a', 'ab']) {
    const encoded = Buffer.from(pad + secret).toString('base64');
    const stable = encoded.slice(Math.ceil((pad.length * 4) / 3) + 1, -4);
    if (stable.length >= MIN_SECRET_LENGTH) known.add(stable);
  }
}

export function redactSecrets(text: string): string {
  let result = text;
  for (const secret of known) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  for (const shape of TOKEN_SHAPES) {
    result = result.replace(shape, (_match, scheme: unknown) =>
      // Without a capture group the second argument is the match offset, not a scheme.
      typeof scheme === 'string' ? `${scheme} ${REDACTED}` : REDACTED,
    );
  }
  return result;
}

/** A message safe to show or log for any thrown value. */
export function describeError(error: unknown): string {
  const message =
    error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  return redactSecrets(message ?? 'unknown error');
}
