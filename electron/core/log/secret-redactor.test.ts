import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger, setLogSink } from './logger.ts';
import { describeError, redactSecrets, rememberSecret } from './secret-redactor.ts';

const mint = (prefix: string) => prefix + randomBytes(18).toString('hex').slice(0, 36);

describe('redactSecrets', () => {
  it('redacts remembered secrets of any shape', () => {
    const secret = randomBytes(16).toString('hex');
    rememberSecret(secret);
    expect(redactSecrets(`value=${secret};`)).toBe('value=[redacted];');
  });

  it('redacts the base64 auth field of a .dockerconfigjson made from a remembered token', () => {
    const token = mint('gho_');
    rememberSecret(token);
    for (const login of ['a', 'bo', 'carol', 'dave-the-operator']) {
      const auth = Buffer.from(`${login}:${token}`).toString('base64');
      expect(redactSecrets(`"auth":"${auth}"`)).not.toContain(auth.slice(-20, -4));
    }
  });

  it('redacts GitHub token shapes and Authorization headers nobody remembered', () => {
    const text = `tokens ${mint('ghp_')} ${mint('github_pat_11AB')} Authorization: Bearer abc.def-ghi_jkl Basic dXNlcjpwYXNzd29yZA==`;
    const redacted = redactSecrets(text);
    expect(redacted).not.toMatch(/gh[pousr]_[A-Za-z0-9]{16}/);
    expect(redacted).not.toContain('github_pat_11AB');
    expect(redacted).toContain('Bearer [redacted]');
    expect(redacted).toContain('Basic [redacted]');
    expect(redactSecrets(`refused ${mint('gho_')}.`)).toBe('refused [redacted].');
  });

  it('keeps prose around the word token readable, and still redacts a token scheme header', () => {
    const ghcr = 'DENIED: permission_denied: The token provided does not match expected scopes.';
    expect(redactSecrets(ghcr)).toBe(ghcr);
    expect(redactSecrets('authorization: token 0123456789abcdef0123456789abcdef01234567')).toBe(
      'authorization: token [redacted]',
    );
  });

  it('ignores short strings that would redact ordinary words', () => {
    rememberSecret('pod');
    expect(redactSecrets('pod is running')).toBe('pod is running');
  });
});

describe('logger and describeError', () => {
  it('never lets a remembered token reach the sink or an error message', () => {
    const token = mint('gho_');
    rememberSecret(token);
    const lines: string[] = [];
    const previous = setLogSink((line) => lines.push(line));
    try {
      createLogger('test').error('exchange failed', { detail: `token=${token}` });
    } finally {
      setLogSink(previous);
    }
    expect(lines.join('\n')).not.toContain(token);
    expect(describeError(new Error(`bad credentials for ${token}`))).not.toContain(token);
  });
});
