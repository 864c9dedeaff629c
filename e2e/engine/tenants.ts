// Tenant namespaces as the platform of the seed creates them: a namespace, a `ghcr-secret` built from the
// owner's token, and workloads pulling `<registry>/<owner>/<repo>` with it. Written with the harness's
// own client (admin), never the product's, so a product bug cannot hide in the setup.
import { KubeApiError, type KubeHttp } from '../cluster/kube-http.ts';
import { waitFor } from '../cluster/wait-for.ts';

export interface DockerEntry {
  readonly username?: string;
  readonly password?: string;
  readonly auth?: string;
}

export interface TenantSpec {
  readonly namespace: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Images of the `web` Deployment (one container each); more workloads through `workloads`. */
  readonly images?: readonly string[];
  readonly workloads?: readonly WorkloadSpec[];
  /** The pull secret: credentials for the registry, or a raw secret body, or none. */
  readonly secret?:
    | {
        readonly registryHost: string;
        readonly username: string;
        readonly token: string;
        /** Other registries' entries kept beside ours. */
        readonly others?: Readonly<Record<string, DockerEntry>>;
      }
    | { readonly raw: Record<string, unknown> };
  readonly secretName?: string;
}

export interface WorkloadSpec {
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  readonly name: string;
  readonly images: readonly string[];
  /** Default: the pull secret's name. [] lists none (the service account's then apply). */
  readonly pullSecrets?: readonly string[];
  readonly paused?: boolean;
  readonly replicas?: number;
}

export const b64 = (text: string) => Buffer.from(text).toString('base64');

export function dockerConfig(
  registryHost: string,
  username: string,
  token: string,
  others: Readonly<Record<string, DockerEntry>> = {},
): string {
  return JSON.stringify({
    auths: { ...others, [registryHost]: { username, password: token, auth: b64(`${username}:${token}`) } },
  });
}

const PATHS = { Deployment: 'deployments', StatefulSet: 'statefulsets', DaemonSet: 'daemonsets' } as const;

function workloadBody(spec: WorkloadSpec, secretName: string): Record<string, unknown> {
  const labels = { app: spec.name };
  const template = {
    metadata: { labels },
    spec: {
      ...((spec.pullSecrets ?? [secretName]).length > 0
        ? { imagePullSecrets: (spec.pullSecrets ?? [secretName]).map((name) => ({ name })) }
        : {}),
      containers: spec.images.map((image, i) => ({ name: `c${i}`, image })),
    },
  };
  const base = {
    metadata: { name: spec.name, labels },
    spec: { selector: { matchLabels: labels }, template },
  };
  if (spec.kind === 'Deployment')
    return {
      ...base,
      spec: { ...base.spec, replicas: spec.replicas ?? 1, ...(spec.paused ? { paused: true } : {}) },
    };
  if (spec.kind === 'StatefulSet')
    return { ...base, spec: { ...base.spec, replicas: spec.replicas ?? 1, serviceName: spec.name } };
  return base;
}

export async function createTenant(admin: KubeHttp, spec: TenantSpec): Promise<void> {
  const secretName = spec.secretName ?? 'ghcr-secret';
  await admin.request('POST', '/api/v1/namespaces', {
    body: { metadata: { name: spec.namespace, labels: spec.labels ?? {} } },
  });
  if (spec.secret) {
    const body =
      'raw' in spec.secret
        ? { metadata: { name: secretName }, ...spec.secret.raw }
        : {
            metadata: { name: secretName },
            type: 'kubernetes.io/dockerconfigjson',
            data: {
              '.dockerconfigjson': b64(
                dockerConfig(
                  spec.secret.registryHost,
                  spec.secret.username,
                  spec.secret.token,
                  spec.secret.others,
                ),
              ),
            },
          };
    await admin.request('POST', `/api/v1/namespaces/${spec.namespace}/secrets`, { body });
  }
  // Pods are refused until the namespace's default ServiceAccount exists (the controller makes it).
  await waitFor(`the default ServiceAccount of ${spec.namespace}`, () =>
    admin.request('GET', `/api/v1/namespaces/${spec.namespace}/serviceaccounts/default`).then(() => true),
  );
  const workloads = [
    ...(spec.images ? [{ kind: 'Deployment' as const, name: 'web', images: spec.images }] : []),
    ...(spec.workloads ?? []),
  ];
  for (const workload of workloads)
    await admin.request('POST', `/apis/apps/v1/namespaces/${spec.namespace}/${PATHS[workload.kind]}`, {
      body: workloadBody(workload, secretName),
    });
}

/** The `.dockerconfigjson` of a secret, parsed (the harness reads what the product wrote). */
export async function readDockerConfig(
  admin: KubeHttp,
  namespace: string,
  name = 'ghcr-secret',
): Promise<{ auths: Record<string, DockerEntry> } | undefined> {
  try {
    const secret = await admin.request<{ data?: Record<string, string> }>(
      'GET',
      `/api/v1/namespaces/${namespace}/secrets/${name}`,
    );
    const raw = secret.data?.['.dockerconfigjson'];
    return raw
      ? (JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as { auths: Record<string, DockerEntry> })
      : undefined;
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 404) return undefined;
    throw error;
  }
}

interface PodList {
  items: {
    metadata: { name: string; deletionTimestamp?: string };
    status?: {
      phase?: string;
      containerStatuses?: { ready?: boolean; state?: { waiting?: { reason?: string } } }[];
    };
  }[];
}

/** The live pods of a namespace with their phase and first waiting reason. */
export async function podStates(
  admin: KubeHttp,
  namespace: string,
): Promise<{ name: string; phase: string; waiting?: string; ready: boolean }[]> {
  const pods = await admin.request<PodList>('GET', `/api/v1/namespaces/${namespace}/pods`);
  return pods.items
    .filter((pod) => !pod.metadata.deletionTimestamp)
    .map((pod) => {
      const waiting = pod.status?.containerStatuses?.find((s) => s.state?.waiting)?.state?.waiting?.reason;
      return {
        name: pod.metadata.name,
        phase: pod.status?.phase ?? 'Pending',
        ready: pod.status?.containerStatuses?.every((s) => s.ready) ?? false,
        ...(waiting ? { waiting } : {}),
      };
    });
}

/** Waits until the namespace has `pods` live pods (default: at least one) all waiting in a pull error. */
export function waitForPullErrors(admin: KubeHttp, namespace: string, pods = 1): Promise<unknown> {
  return waitFor(`pull errors in ${namespace}`, async () => {
    const states = await podStates(admin, namespace);
    return (
      states.length >= pods &&
      states.every((p) => p.waiting === 'ErrImagePull' || p.waiting === 'ImagePullBackOff')
    );
  });
}

/** Waits until the namespace has pods and all of them run and are ready. */
export function waitForRunning(admin: KubeHttp, namespace: string, timeoutMs = 60_000): Promise<unknown> {
  return waitFor(
    `running pods in ${namespace}`,
    async () => {
      const pods = await podStates(admin, namespace);
      return pods.length > 0 && pods.every((p) => p.phase === 'Running' && p.ready) ? pods : undefined;
    },
    { timeoutMs },
  );
}
