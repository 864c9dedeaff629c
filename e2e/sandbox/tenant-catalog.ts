// The demo's tenants: ~30 namespaces of a platform that hit the seed's bug, each in one state the panel
// must explain. Plain data: the seeding reads it, the demo's guide prints it, tests check the product
// against the `expected` columns. The expectations are written out by hand, not derived, so a change in
// the product's judgement shows up as a failing test instead of a silently different demo.
import type { PullSecretState } from '../../shared/domain/cluster.ts';
import type { TokenHealthState } from '../../shared/domain/github.ts';
import type { PlanAction } from '../../shared/domain/resync.ts';

/** Why a tenant is in the demo: the situation it shows. */
export type TenantKind =
  /** Token with the 7 required scopes in the secret, the same token in the keychain: pods run. */
  | 'healthy'
  /** The seed's bug: the token lacks read:packages/write:packages, so pods sit in ImagePullBackOff. */
  | 'missing-scopes'
  /** The same bug, with another registry's entry in the secret that a re-sync must keep. */
  | 'second-registry'
  /** The token in the secret was revoked on GitHub. */
  | 'revoked'
  /** The secret names another login (and holds its token). */
  | 'foreign-login'
  /** The secret names the owner but holds another login's token. */
  | 'foreign-token'
  /** `.dockerconfigjson` that parses as JSON but is no usable docker config. */
  | 'malformed'
  /** No pull secret at all: kubelet pulls anonymously and the private image refuses. */
  | 'no-secret'
  /** An older token of the owner, still valid, while the keychain holds a newer one. */
  | 'stale'
  /** An Opaque, immutable secret under the pull secret's name: only delete + create fixes it. */
  | 'wrong-type'
  /** An organization's image pulled with a member's token. */
  | 'org-image'
  /** A fine-grained PAT, which ghcr refuses for packages. */
  | 'fine-grained'
  /** The secret is fine, but one workload does not reference it. */
  | 'unreferenced'
  /** No secret, but the image is public: pods run anyway. */
  | 'public-image';

/** What a visitor does in the panel to fix the tenant. */
export type TenantFix =
  | 'nothing'
  /** Reconnect the owner's GitHub account (consent page: approve as the owner). */
  | 'reconnect'
  /** Bulk re-sync: the owner's keychain account already holds a good token. */
  | 'resync'
  /** Bulk re-sync with "allow recreate" (delete + create). */
  | 'resync-recreate'
  /** Delete the secret first: a re-sync never replaces one login's credentials by another's. */
  | 'delete-secret'
  /** Not the panel's job: add the pull secret to the workload's imagePullSecrets. */
  | 'add-reference';

/** Which token of a login a secret or keychain account holds. */
export type TokenVariant =
  /** OAuth token with the seed's 7 required scopes. */
  | 'full'
  /** An older OAuth token with the 7 scopes, still live (a stale secret holds it). */
  | 'old'
  /** OAuth token without read:packages/write:packages (the seed's bug). */
  | 'scopeless'
  /** An OAuth token with the 7 scopes, revoked on GitHub after it was written. */
  | 'revoked'
  /** A fine-grained PAT (no scopes to read). */
  | 'fine-grained';

export interface TokenRef {
  readonly login: string;
  readonly variant: TokenVariant;
}

export type SecretPlan =
  | { readonly kind: 'none' }
  /** A dockerconfigjson entry for the registry naming `username` (default: the token's login). */
  | {
      readonly kind: 'entry';
      readonly token: TokenRef;
      readonly username?: string;
      /** Adds a docker.io entry beside ours. */
      readonly otherRegistry?: boolean;
    }
  /** `{"auths": "everything"}`: JSON, so the apiserver takes it; useless to kubelet. */
  | { readonly kind: 'auths-not-object' }
  /**
   * An entry whose `auth` disagrees with its password (someone replaced the token in one place only):
   * kubelet reads `auth`, so the pull uses the old password and fails.
   */
  | { readonly kind: 'auth-mismatch'; readonly token: TokenRef }
  /** Type Opaque, immutable, holding the owner's good token under a key kubelet never reads. */
  | { readonly kind: 'opaque'; readonly token: TokenRef };

export interface TenantExpectation {
  readonly pullSecret: PullSecretState;
  /** Health of the token inside the secret; absent when the secret holds no readable token. */
  readonly tokenHealth?: TokenHealthState;
  /** Every pod runs, every pod waits on a pull error, or some of each. */
  readonly pods: 'running' | 'pull-errors' | 'mixed';
  /** Other registries in the secret that a re-sync keeps. */
  readonly otherRegistries?: readonly string[];
  /** What a re-sync of all projects plans for it before anyone reconnects. */
  readonly resync: PlanAction;
}

export interface TenantPlan {
  /** `project-<project>-<env>`, as the platform names them. */
  readonly namespace: string;
  /** The image's first path segment: a user or an organization. */
  readonly owner: string;
  readonly repository: string;
  readonly tag: string;
  readonly kind: TenantKind;
  readonly secret: SecretPlan;
  /** A second Deployment `worker` on `<repository>-worker` that lists no pull secret. */
  readonly unreferencedWorker?: boolean;
  readonly expected: TenantExpectation;
  readonly fix: TenantFix;
}

/** A GitHub login of the stand-in and what the operator's keychain holds for it (nothing: absent). */
export interface LoginPlan {
  readonly login: string;
  readonly keychain?: TokenVariant;
}

export interface OrgPlan {
  readonly login: string;
  readonly members: readonly string[];
}

export const DEMO_LOGINS: readonly LoginPlan[] = [
  { login: 'zhang-wei', keychain: 'full' },
  { login: 'li-na', keychain: 'full' },
  { login: 'wang-fang', keychain: 'full' },
  { login: 'liu-yang', keychain: 'full' },
  { login: 'chen-jie', keychain: 'full' },
  { login: 'zhao-lei', keychain: 'full' },
  { login: 'hu-jun', keychain: 'full' },
  // Connected long ago with the seed's scope set: the Accounts screen offers Reconnect.
  { login: 'huang-min', keychain: 'scopeless' },
  { login: 'zhou-tao', keychain: 'scopeless' },
  { login: 'ma-rui', keychain: 'revoked' },
  // Never connected in this panel: Reconnect from the project's warning.
  { login: 'wu-hao' },
  { login: 'xu-ling' },
  { login: 'sun-qi' },
  { login: 'gao-yan' },
];

export const DEMO_ORGS: readonly OrgPlan[] = [{ login: 'acme-labs', members: ['zhang-wei'] }];

/** Images published as public packages (anyone may pull them). */
export const PUBLIC_REPOSITORIES: ReadonlySet<string> = new Set(['sun-qi/status']);

const own = (login: string, variant: TokenVariant = 'full'): SecretPlan => ({
  kind: 'entry',
  token: { login, variant },
});
const HEALTHY: TenantExpectation = {
  pullSecret: 'ok',
  tokenHealth: 'ok',
  pods: 'running',
  resync: 'unchanged',
};
// Skipped by a re-sync: the keychain has no usable token of the owner until they reconnect.
const SCOPELESS: TenantExpectation = {
  pullSecret: 'ok',
  tokenHealth: 'missing-scopes',
  pods: 'pull-errors',
  resync: 'skip',
};
const REVOKED: TenantExpectation = {
  pullSecret: 'ok',
  tokenHealth: 'revoked',
  pods: 'pull-errors',
  resync: 'skip',
};

function tenant(
  project: string,
  env: 'prod' | 'staging' | 'dev',
  owner: string,
  tag: string,
  rest: Pick<TenantPlan, 'kind' | 'secret' | 'expected' | 'fix'> & Partial<TenantPlan>,
): TenantPlan {
  return { namespace: `project-${project}-${env}`, owner, repository: `${owner}/${project}`, tag, ...rest };
}

export const DEMO_TENANTS: readonly TenantPlan[] = [
  tenant('shop', 'prod', 'zhang-wei', '3.2.0', {
    kind: 'healthy',
    secret: own('zhang-wei'),
    expected: HEALTHY,
    fix: 'nothing',
  }),
  tenant('shop', 'staging', 'zhang-wei', '3.3.0-rc.1', {
    kind: 'healthy',
    secret: own('zhang-wei'),
    expected: HEALTHY,
    fix: 'nothing',
  }),
  tenant('shop', 'dev', 'zhang-wei', 'main', {
    kind: 'stale',
    secret: own('zhang-wei', 'old'),
    expected: { pullSecret: 'stale', tokenHealth: 'ok', pods: 'running', resync: 'update' },
    fix: 'resync',
  }),
  tenant('blog', 'prod', 'li-na', '1.8.0', {
    kind: 'healthy',
    secret: own('li-na'),
    expected: HEALTHY,
    fix: 'nothing',
  }),
  tenant('blog', 'staging', 'li-na', '1.9.0', {
    kind: 'wrong-type',
    secret: { kind: 'opaque', token: { login: 'li-na', variant: 'full' } },
    expected: { pullSecret: 'wrong-type', pods: 'pull-errors', resync: 'recreate' },
    fix: 'resync-recreate',
  }),
  tenant('blog', 'dev', 'li-na', 'main', {
    kind: 'healthy',
    secret: own('li-na'),
    expected: HEALTHY,
    fix: 'nothing',
  }),
  tenant('wiki', 'prod', 'wang-fang', '5.0.1', {
    kind: 'healthy',
    secret: own('wang-fang'),
    expected: HEALTHY,
    fix: 'nothing',
  }),
  tenant('wiki', 'staging', 'wang-fang', '5.1.0', {
    kind: 'malformed',
    secret: { kind: 'auths-not-object' },
    expected: { pullSecret: 'malformed', pods: 'pull-errors', resync: 'update' },
    fix: 'resync',
  }),
  tenant('wiki', 'dev', 'wang-fang', 'main', {
    kind: 'unreferenced',
    secret: own('wang-fang'),
    unreferencedWorker: true,
    expected: { pullSecret: 'unreferenced', tokenHealth: 'ok', pods: 'mixed', resync: 'unchanged' },
    fix: 'add-reference',
  }),
  tenant('forum', 'prod', 'liu-yang', '2.4.0', {
    kind: 'healthy',
    secret: own('liu-yang'),
    expected: HEALTHY,
    fix: 'nothing',
  }),
  tenant('forum', 'dev', 'liu-yang', 'main', {
    kind: 'malformed',
    secret: { kind: 'auth-mismatch', token: { login: 'liu-yang', variant: 'full' } },
    expected: { pullSecret: 'malformed', pods: 'pull-errors', resync: 'update' },
    fix: 'resync',
  }),
  tenant('docs', 'prod', 'chen-jie', '1.0.0', {
    kind: 'healthy',
    secret: own('chen-jie'),
    expected: HEALTHY,
    fix: 'nothing',
  }),
  tenant('docs', 'staging', 'chen-jie', '1.1.0', {
    kind: 'no-secret',
    secret: { kind: 'none' },
    expected: { pullSecret: 'missing', pods: 'pull-errors', resync: 'create' },
    fix: 'resync',
  }),
  tenant('crm', 'prod', 'zhao-lei', '4.2.0', {
    kind: 'healthy',
    secret: own('zhao-lei'),
    expected: HEALTHY,
    fix: 'nothing',
  }),
  tenant('crm', 'dev', 'zhao-lei', 'main', {
    kind: 'no-secret',
    secret: { kind: 'none' },
    expected: { pullSecret: 'missing', pods: 'pull-errors', resync: 'create' },
    fix: 'resync',
  }),
  tenant('chat', 'prod', 'huang-min', '2.0.0', {
    kind: 'missing-scopes',
    secret: own('huang-min', 'scopeless'),
    expected: SCOPELESS,
    fix: 'reconnect',
  }),
  tenant('chat', 'staging', 'huang-min', '2.1.0', {
    kind: 'missing-scopes',
    secret: own('huang-min', 'scopeless'),
    expected: SCOPELESS,
    fix: 'reconnect',
  }),
  tenant('chat', 'dev', 'huang-min', 'main', {
    kind: 'missing-scopes',
    secret: own('huang-min', 'scopeless'),
    expected: SCOPELESS,
    fix: 'reconnect',
  }),
  tenant('pay', 'prod', 'zhou-tao', '1.2.3', {
    kind: 'missing-scopes',
    secret: own('zhou-tao', 'scopeless'),
    expected: SCOPELESS,
    fix: 'reconnect',
  }),
  tenant('pay', 'staging', 'zhou-tao', '1.3.0', {
    kind: 'second-registry',
    secret: { kind: 'entry', token: { login: 'zhou-tao', variant: 'scopeless' }, otherRegistry: true },
    expected: { ...SCOPELESS, otherRegistries: ['docker.io'] },
    fix: 'reconnect',
  }),
  tenant('cms', 'prod', 'wu-hao', '6.0.0', {
    kind: 'missing-scopes',
    secret: own('wu-hao', 'scopeless'),
    expected: SCOPELESS,
    fix: 'reconnect',
  }),
  tenant('cms', 'dev', 'wu-hao', 'main', {
    kind: 'missing-scopes',
    secret: own('wu-hao', 'scopeless'),
    expected: SCOPELESS,
    fix: 'reconnect',
  }),
  tenant('map', 'prod', 'xu-ling', '0.9.0', {
    kind: 'missing-scopes',
    secret: own('xu-ling', 'scopeless'),
    expected: SCOPELESS,
    fix: 'reconnect',
  }),
  tenant('mail', 'prod', 'sun-qi', '1.0.4', {
    kind: 'revoked',
    secret: own('sun-qi', 'revoked'),
    expected: REVOKED,
    fix: 'reconnect',
  }),
  tenant('note', 'prod', 'ma-rui', '3.0.0', {
    kind: 'revoked',
    secret: own('ma-rui', 'revoked'),
    expected: REVOKED,
    fix: 'reconnect',
  }),
  tenant('game', 'prod', 'hu-jun', '1.1.0', {
    kind: 'foreign-login',
    secret: own('zhang-wei'),
    expected: { pullSecret: 'foreign', tokenHealth: 'ok', pods: 'pull-errors', resync: 'skip' },
    fix: 'delete-secret',
  }),
  tenant('game', 'staging', 'hu-jun', '1.2.0', {
    kind: 'foreign-token',
    secret: { kind: 'entry', token: { login: 'li-na', variant: 'full' }, username: 'hu-jun' },
    expected: { pullSecret: 'foreign', tokenHealth: 'ok', pods: 'pull-errors', resync: 'update' },
    fix: 'resync',
  }),
  // The audit calls a member's credentials in an organization's namespace "foreign" (the secret does not
  // name the image owner), though the pull works and a re-sync keeps the member's token.
  tenant('portal', 'prod', 'acme-labs', '2.0.0', {
    kind: 'org-image',
    secret: own('zhang-wei'),
    expected: { pullSecret: 'foreign', tokenHealth: 'ok', pods: 'running', resync: 'unchanged' },
    fix: 'nothing',
  }),
  tenant('radar', 'prod', 'gao-yan', '0.3.1', {
    kind: 'fine-grained',
    secret: own('gao-yan', 'fine-grained'),
    expected: { pullSecret: 'ok', tokenHealth: 'not-classic', pods: 'pull-errors', resync: 'skip' },
    fix: 'reconnect',
  }),
  tenant('status', 'prod', 'sun-qi', 'latest', {
    kind: 'public-image',
    secret: { kind: 'none' },
    expected: { pullSecret: 'missing', pods: 'running', resync: 'skip' },
    fix: 'nothing',
  }),
];

/**
 * `count` more tenants for size (a UI benchmark): `project-load<i>-prod`, alternately copies of
 * project-shop-prod (healthy) and project-chat-prod (the seed's bug, fixed by the same Reconnect).
 */
export function loadTenants(count: number): TenantPlan[] {
  const pattern = ['project-shop-prod', 'project-chat-prod'].map((namespace) => {
    const found = DEMO_TENANTS.find((t) => t.namespace === namespace);
    if (!found) throw new Error(`the catalogue has no ${namespace}`);
    return found;
  });
  return Array.from({ length: count }, (_, i) => ({
    ...(pattern[i % pattern.length] as TenantPlan),
    namespace: `project-load${i + 1}-prod`,
  }));
}
