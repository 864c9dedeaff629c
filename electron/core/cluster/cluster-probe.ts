import { VersionApi, type KubeConfig } from '@kubernetes/client-node';
import type { ClusterStatus } from '../../../shared/domain/app.ts';
import { DeskError } from '../../../shared/contract/result.ts';
import { describeError } from '../log/secret-redactor.ts';
import { activeContextName, loadKubeconfig } from './kubeconfig-loader.ts';

const PROBE_TIMEOUT_MS = 5_000;

/** The first `code` (ECONNREFUSED, ENOTFOUND, …) or HTTP status along an error's cause chain. */
function errorCode(error: unknown): string | number | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** "fetch failed: bad port": undici hides the useful part in `cause`. */
function causeChain(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    parts.push(describeError(current));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(': ');
}

/** What went wrong reaching the apiserver, and what to do, in a sentence. */
function describeUnreachable(server: string, error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `Nothing answers at ${server} (connection refused). Is the cluster running, or is a VPN or tunnel needed?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host of ${server} cannot be resolved. Check the server address in the kubeconfig and your DNS or VPN.`;
    case 'timeout':
    case 'ETIMEDOUT':
      return `${server} did not answer within ${PROBE_TIMEOUT_MS / 1000} s. Check the network path (VPN, firewall) to the cluster.`;
    case 401:
      return `The cluster at ${server} refused the kubeconfig's credentials (401). Renew them (log in again, or fix the exec plugin).`;
    default:
      return `Cannot reach ${server}: ${causeChain(error)}`;
  }
}

async function requestVersion(kubeConfig: KubeConfig): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('timeout'), { code: 'timeout' })),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([kubeConfig.makeApiClient(VersionApi).getCode(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Is the active context's apiserver there? One GET /version (allowed to every authenticated user by the
 * default RBAC), bounded by a timeout so the status banner never waits on a dead VPN.
 */
export async function probeCluster(
  kubeconfigPath: string,
  settingsContext: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ClusterStatus> {
  let kubeConfig: KubeConfig;
  let context: string;
  try {
    kubeConfig = loadKubeconfig(kubeconfigPath, env).kubeConfig;
    context = activeContextName(kubeConfig, settingsContext);
  } catch (error) {
    const problem = error instanceof DeskError ? error.message : describeError(error);
    return { context: settingsContext, server: '', reachable: false, problem };
  }
  kubeConfig.setCurrentContext(context);
  const server = kubeConfig.getCurrentCluster()?.server ?? '';
  try {
    await requestVersion(kubeConfig);
    return { context, server, reachable: true };
  } catch (error) {
    return { context, server, reachable: false, problem: describeUnreachable(server, error) };
  }
}
