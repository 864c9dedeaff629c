import { DEFAULT_REQUIRED_SCOPES } from '../../shared/domain/github.ts';
import type { StandInAdmin } from '../github/stand-in-model.ts';
import type { TokenRef, TokenVariant } from './tenant-catalog.ts';

/** The stand-in tokens of the sandbox, minted on first use: one per login and variant, as on a platform. */
export interface TokenBook {
  tokenOf(ref: TokenRef): string;
  /**
   * From now on `revoked` tokens are revoked: those minted so far (the keychain took them while they were
   * live, as it only stores checked tokens) and every one minted later.
   */
  startRevoking(): void;
}

const SCOPELESS = DEFAULT_REQUIRED_SCOPES.filter((scope) => !scope.endsWith(':packages'));

export function createTokenBook(admin: StandInAdmin, clientId: string): TokenBook {
  const minted = new Map<string, string>();
  let revoking = false;
  const mint = (login: string, variant: TokenVariant): string => {
    if (variant === 'fine-grained') return admin.mintToken({ login, kind: 'fine-grained' });
    const scopes = variant === 'scopeless' ? SCOPELESS : DEFAULT_REQUIRED_SCOPES;
    // Minted for the demo's OAuth app, like the platform's own logins (GitHub's 10-token rule applies).
    return admin.mintToken({ login, kind: 'oauth', scopes, clientId });
  };
  return {
    tokenOf({ login, variant }) {
      const key = `${login}/${variant}`;
      let token = minted.get(key);
      if (!token) {
        token = mint(login, variant);
        minted.set(key, token);
        if (revoking && variant === 'revoked') admin.revokeToken({ token });
      }
      return token;
    },
    startRevoking() {
      revoking = true;
      for (const [key, token] of minted) if (key.endsWith('/revoked')) admin.revokeToken({ token });
    },
  };
}
