import type { RestartResult, WorkloadKind } from '../../../../shared/domain/cluster.ts';
import { DeskError } from '../../../../shared/contract/result.ts';
import { describeError } from '../../log/secret-redactor.ts';
import { createConcurrencyLimit } from '../../util/concurrency-limit.ts';
import { CONTENT_TYPES, type KubeClient } from '../kube-client.ts';
import { KubeApiError } from '../kube-errors.ts';
import { WORKLOAD_PATHS, type WorkloadObject } from '../kube-objects.ts';

/** The annotation `kubectl rollout restart` sets on the pod template. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

export interface WorkloadName {
  readonly kind: WorkloadKind;
  readonly name: string;
}

export interface RestartOptions {
  readonly now?: () => number;
  readonly signal?: AbortSignal;
  /** Patches in flight at once (default 8). */
  readonly concurrency?: number;
}

/** kubectl's format: RFC 3339 in local time with an offset, seconds precision. */
export function restartedAtValue(at: Date): string {
  const offsetMinutes = -at.getTimezoneOffset();
  const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

function path(namespace: string, workload: WorkloadName): string {
  return `/apis/apps/v1/namespaces/${namespace}/${WORKLOAD_PATHS[workload.kind]}/${workload.name}`;
}

function refusal(namespace: string, workload: WorkloadName, verb: string, error: KubeApiError): string {
  return `ghcr-desk may not ${verb} ${workload.kind}/${workload.name} in ${namespace} (RBAC): ${error.message}`;
}

/**
 * `kubectl rollout restart` for one workload: the restartedAt annotation on its pod template, so the
 * controller rolls new pods (which pull again, with the fixed secret). A paused Deployment is refused as
 * kubectl refuses it, a 403 is reported with the apiserver's reason — neither is retried.
 */
export async function restartWorkload(
  client: KubeClient,
  namespace: string,
  workload: WorkloadName,
  options: RestartOptions = {},
): Promise<RestartResult> {
  const result = (outcome: RestartResult['outcome'], reason?: string): RestartResult => ({
    namespace,
    kind: workload.kind,
    name: workload.name,
    outcome,
    ...(reason ? { reason } : {}),
  });
  const signal = options.signal ? { signal: options.signal } : {};
  try {
    if (workload.kind === 'Deployment') {
      const current = await client.request<WorkloadObject>({ path: path(namespace, workload), ...signal });
      if (current.spec?.paused)
        return result(
          'paused',
          `Deployment ${workload.name} is paused: run \`kubectl rollout resume deployment/${workload.name} -n ${namespace}\` first.`,
        );
    }
    await client.request({
      method: 'PATCH',
      path: path(namespace, workload),
      contentType: CONTENT_TYPES.strategicMergePatch,
      body: {
        spec: {
          template: {
            metadata: {
              annotations: {
                [RESTARTED_AT_ANNOTATION]: restartedAtValue(new Date(options.now?.() ?? Date.now())),
              },
            },
          },
        },
      },
      ...signal,
    });
    return result('restarted');
  } catch (error) {
    if (error instanceof DeskError && error.code === 'cancelled') throw error;
    if (error instanceof KubeApiError) {
      if (error.status === 403) return result('forbidden', refusal(namespace, workload, 'restart', error));
      if (error.status === 404)
        return result('not-found', `${workload.kind}/${workload.name} is no longer in ${namespace}.`);
    }
    return result('failed', describeError(error));
  }
}

/** Restarts several workloads of one or more namespaces, a few at a time; results in the input's order. */
export async function restartWorkloads(
  client: KubeClient,
  targets: readonly { readonly namespace: string; readonly workload: WorkloadName }[],
  options: RestartOptions = {},
): Promise<RestartResult[]> {
  const limit = createConcurrencyLimit(options.concurrency ?? 8);
  return Promise.all(
    targets.map(({ namespace, workload }) =>
      limit(() => restartWorkload(client, namespace, workload, options)),
    ),
  );
}
