import { randomBytes, randomInt } from 'node:crypto';

/** The token kinds the stand-in mints; the prefixes are GitHub's. */
export type StandInTokenKind = 'oauth' | 'classic' | 'fine-grained';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return text;
}

/** `gho_`/`ghp_` + 36 characters; `github_pat_` + 22 + `_` + 59, as GitHub issues them. */
export function mintTokenValue(kind: StandInTokenKind): string {
  switch (kind) {
    case 'oauth':
      return `gho_${randomAlphanumeric(36)}`;
    case 'classic':
      return `ghp_${randomAlphanumeric(36)}`;
    case 'fine-grained':
      return `github_pat_${randomAlphanumeric(22)}_${randomAlphanumeric(59)}`;
  }
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
