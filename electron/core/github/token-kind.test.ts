import { describe, expect, it } from 'vitest';
import { tokenFingerprint } from './token-fingerprint.ts';
import { tokenKind } from './token-kind.ts';

describe('tokenKind', () => {
  it('reads GitHub token prefixes', () => {
    expect(tokenKind('ghp_abc')).toBe('classic-pat');
    expect(tokenKind('gho_abc')).toBe('oauth');
    expect(tokenKind('github_pat_11ABC_def')).toBe('fine-grained');
    for (const prefix of ['ghu_', 'ghs_', 'ghr_']) expect(tokenKind(`${prefix}abc`)).toBe('app');
    expect(tokenKind('0123456789abcdef0123456789abcdef01234567')).toBe('unknown');
  });
});

describe('tokenFingerprint', () => {
  it('is sha256: and the first 12 hex digits of the SHA-256', () => {
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    expect(tokenFingerprint('abc')).toBe('sha256:ba7816bf8f01');
    expect(tokenFingerprint('gho_x')).not.toBe(tokenFingerprint('gho_y'));
  });
});
