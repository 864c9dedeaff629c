import type { KubeHttp } from '../../e2e/cluster/kube-http.ts';
import { OTHER_REGISTRY, SECRET_NAME, type BenchTenant } from './bench-tenants.ts';

/** What the tenants' pull secrets hold now, read back with the harness's client (never the product's). */
export interface PullSecretCheck {
  readonly secrets: number;
  /** Secrets whose registry entry is the expected login and token (username, password and auth agree). */
  readonly holdingExpectedToken: number;
  /** Namespaces holding something else (the first few). */
  readonly wrong: readonly string[];
  readonly otherRegistryKept: number;
  /** Secrets with kubectl's last-applied-configuration annotation: a second copy of the token in metadata. */
  readonly tokenCopiedIntoAnnotation: number;
  readonly verified: boolean;
}

interface SecretList {
  items: {
    metadata: { namespace: string; annotations?: Record<string, string> };
    data?: Record<string, string>;
  }[];
  metadata: { continue?: string };
}

interface DockerEntry {
  username?: string;
  password?: string;
  auth?: string;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const unbase64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

function holds(entry: DockerEntry | undefined, login: string, token: string): boolean {
  return (
    entry?.username === login &&
    entry.password === token &&
    entry.auth !== undefined &&
    unbase64(entry.auth) === `${login}:${token}`
  );
}

export async function checkPullSecrets(
  admin: KubeHttp,
  tenants: readonly BenchTenant[],
  registryHost: string,
  tokenOf: (tenant: BenchTenant) => string,
): Promise<PullSecretCheck> {
  const byNamespace = new Map(tenants.map((tenant) => [tenant.namespace, tenant]));
  let secrets = 0;
  let holdingExpectedToken = 0;
  let otherRegistryKept = 0;
  let tokenCopiedIntoAnnotation = 0;
  const wrong: string[] = [];
  let next: string | undefined;
  do {
    const page: SecretList = await admin.request<SecretList>('GET', '/api/v1/secrets', {
      query: { fieldSelector: `metadata.name=${SECRET_NAME}`, limit: 500, continue: next },
    });
    for (const secret of page.items) {
      const tenant = byNamespace.get(secret.metadata.namespace);
      if (!tenant) continue;
      secrets += 1;
      const raw = secret.data?.['.dockerconfigjson'];
      let auths: Record<string, DockerEntry> = {};
      try {
        auths = raw
          ? ((JSON.parse(unbase64(raw)) as { auths?: Record<string, DockerEntry> }).auths ?? {})
          : {};
      } catch {
        // unreadable: counts as wrong below
      }
      if (holds(auths[registryHost], tenant.owner, tokenOf(tenant))) holdingExpectedToken += 1;
      else if (wrong.length < 5) wrong.push(tenant.namespace);
      if (auths[OTHER_REGISTRY]) otherRegistryKept += 1;
      if (secret.metadata.annotations?.[LAST_APPLIED]?.includes('.dockerconfigjson'))
        tokenCopiedIntoAnnotation += 1;
    }
    next = page.metadata.continue || undefined;
  } while (next);
  return {
    secrets,
    holdingExpectedToken,
    wrong,
    otherRegistryKept,
    tokenCopiedIntoAnnotation,
    verified: secrets === tenants.length && holdingExpectedToken === tenants.length,
  };
}
