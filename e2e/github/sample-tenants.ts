import { DEFAULT_REQUIRED_SCOPES } from '../../shared/domain/github.ts';
import type { StandInAdmin } from './stand-in-model.ts';

/** The tokens of the sample world, by what they show. */
export interface SampleTenants {
  readonly app: { readonly name: string; readonly clientId: string; readonly clientSecret: string };
  readonly tokens: Readonly<Record<'healthy' | 'missingScopes' | 'fineGrained' | 'revoked', string>>;
}

/**
 * A small world to click through by hand: four tenants, one organization, private and public images, an
 * OAuth app with the loopback callback, and one token per interesting state.
 */
export function seedSampleTenants(admin: StandInAdmin): SampleTenants {
  for (const login of ['alice', 'bob', 'carol', 'dave']) admin.createUser({ login });
  admin.createOrg({ login: 'acme', members: ['alice', 'bob'] });
  admin.createImage({ repository: 'alice/web', tags: ['1.0.0', 'latest'] });
  admin.createImage({ repository: 'bob/api', tags: ['2.3.1'] });
  admin.createImage({ repository: 'acme/shop', tags: ['v1', 'v2'] });
  admin.createImage({ repository: 'carol/site', tags: ['latest'], visibility: 'public' });
  admin.createImage({ repository: 'dave/worker', tags: ['0.1.0'] });
  const app = admin.registerApp({ name: 'ghcr-desk', callbackUrl: 'http://127.0.0.1/callback' });
  const revoked = admin.mintToken({ login: 'dave', kind: 'oauth', scopes: [...DEFAULT_REQUIRED_SCOPES] });
  admin.revokeToken({ token: revoked });
  return {
    app: { name: app.name, clientId: app.clientId, clientSecret: app.clientSecret },
    tokens: {
      healthy: admin.mintToken({ login: 'alice', kind: 'oauth', scopes: [...DEFAULT_REQUIRED_SCOPES] }),
      missingScopes: admin.mintToken({
        login: 'bob',
        kind: 'oauth',
        scopes: DEFAULT_REQUIRED_SCOPES.filter((s) => !s.endsWith(':packages')),
      }),
      fineGrained: admin.mintToken({ login: 'carol', kind: 'fine-grained' }),
      revoked,
    },
  };
}
