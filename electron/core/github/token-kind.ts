import type { TokenKind } from '../../../shared/domain/github.ts';

/** What a token is, by GitHub's prefixes; old 40-hex classic tokens have none and read as `unknown`. */
export function tokenKind(token: string): TokenKind {
  if (token.startsWith('ghp_')) return 'classic-pat';
  if (token.startsWith('gho_')) return 'oauth';
  if (token.startsWith('github_pat_')) return 'fine-grained';
  if (/^gh[usr]_/.test(token)) return 'app';
  return 'unknown';
}

/** Kinds whose scopes GitHub reports in `X-OAuth-Scopes` and the container registry accepts. */
export function isClassicKind(kind: TokenKind): boolean {
  return kind === 'classic-pat' || kind === 'oauth' || kind === 'unknown';
}
