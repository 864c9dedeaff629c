// Puts the catalogue into the stand-in GitHub (users, the organization, images) and into the cluster
// (namespaces, pull secrets, Deployments), with the harness's own admin client, never the product's.
import type { KubeHttp } from '../cluster/kube-http.ts';
import { b64, createTenant, type TenantSpec } from '../engine/tenants.ts';
import type { StandInAdmin } from '../github/stand-in-model.ts';
import { createConcurrencyLimit } from '../../electron/core/util/concurrency-limit.ts';
import type { LoginPlan, OrgPlan, SecretPlan, TenantPlan } from './tenant-catalog.ts';
import type { TokenBook } from './token-book.ts';

/** A docker.io entry beside ours: what a re-sync must keep (not a GitHub token). */
const DOCKER_HUB_ENTRY = {
  username: 'ci-bot',
  password: 'dockerhub-password',
  auth: b64('ci-bot:dockerhub-password'),
};

export function seedStandIn(
  admin: StandInAdmin,
  world: {
    readonly logins: readonly LoginPlan[];
    readonly orgs: readonly OrgPlan[];
    readonly tenants: readonly TenantPlan[];
    readonly publicRepositories: ReadonlySet<string>;
  },
): void {
  for (const { login } of world.logins) admin.createUser({ login });
  for (const org of world.orgs) admin.createOrg(org);
  const tags = new Map<string, Set<string>>();
  const addTag = (repository: string, tag: string) =>
    tags.set(repository, (tags.get(repository) ?? new Set()).add(tag));
  for (const tenant of world.tenants) {
    addTag(tenant.repository, tenant.tag);
    if (tenant.unreferencedWorker) addTag(`${tenant.repository}-worker`, tenant.tag);
  }
  for (const [repository, tagSet] of tags)
    admin.createImage({
      repository,
      tags: [...tagSet],
      visibility: world.publicRepositories.has(repository) ? 'public' : 'private',
    });
}

/** The image a tenant's `web` Deployment pulls (the registry host stands where ghcr.io would). */
export function tenantImage(registryHost: string, tenant: TenantPlan, suffix = ''): string {
  return `${registryHost}/${tenant.repository}${suffix}:${tenant.tag}`;
}

function secretSpec(registryHost: string, plan: SecretPlan, tokens: TokenBook): TenantSpec['secret'] {
  // The apiserver only insists that `.dockerconfigjson` is JSON; kubelet and the product judge the rest.
  const rawDockerConfig = (json: string) => ({
    raw: { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(json) } },
  });
  switch (plan.kind) {
    case 'none':
      return undefined;
    case 'entry':
      return {
        registryHost,
        username: plan.username ?? plan.token.login,
        token: tokens.tokenOf(plan.token),
        ...(plan.otherRegistry ? { others: { 'docker.io': DOCKER_HUB_ENTRY } } : {}),
      };
    case 'auths-not-object':
      return rawDockerConfig('{"auths": "everything"}');
    case 'auth-mismatch': {
      const login = plan.token.login;
      const entry = {
        username: login,
        password: tokens.tokenOf(plan.token),
        auth: b64(`${login}:expired-password`),
      };
      return rawDockerConfig(JSON.stringify({ auths: { [registryHost]: entry } }));
    }
    case 'opaque':
      return { raw: { type: 'Opaque', immutable: true, data: { token: b64(tokens.tokenOf(plan.token)) } } };
  }
}

/** Creates every tenant namespace (a few at a time: each waits for its default ServiceAccount). */
export async function seedCluster(
  kube: KubeHttp,
  registryHost: string,
  tenants: readonly TenantPlan[],
  tokens: TokenBook,
): Promise<void> {
  const limit = createConcurrencyLimit(8);
  await Promise.all(
    tenants.map((tenant) =>
      limit(() => {
        const secret = secretSpec(registryHost, tenant.secret, tokens);
        return createTenant(kube, {
          namespace: tenant.namespace,
          labels: { 'platform.example/owner': tenant.owner },
          images: [tenantImage(registryHost, tenant)],
          ...(tenant.unreferencedWorker
            ? {
                workloads: [
                  {
                    kind: 'Deployment' as const,
                    name: 'worker',
                    images: [tenantImage(registryHost, tenant, '-worker')],
                    pullSecrets: [],
                  },
                ],
              }
            : {}),
          ...(secret ? { secret } : {}),
        });
      }),
    ),
  );
}
