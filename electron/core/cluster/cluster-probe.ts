import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterStatus } from '../../../shared/domain/app.ts';
import { DeskError } from '../../../shared/contract/result.ts';
import { describeError } from '../log/secret-redactor.ts';
import { createKubeClient } from './kube-client.ts';
import { KubeApiError } from './kube-errors.ts';
import { activeContextName, loadKubeconfig } from './kubeconfig-loader.ts';

const PROBE_TIMEOUT_MS = 5_000;

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
  let server = kubeConfig.getCluster(kubeConfig.getContextObject(context)?.cluster ?? '')?.server ?? '';
  try {
    const client = createKubeClient(kubeConfig, context, {
      timeoutMs: PROBE_TIMEOUT_MS,
      maxThrottleRetries: 0,
    });
    server = client.server;
    try {
      await client.request({ path: '/version' });
    } finally {
      await client.close();
    }
    return { context, server, reachable: true };
  } catch (error) {
    const problem =
      error instanceof KubeApiError && error.status === 401
        ? `The cluster at ${server} refused the kubeconfig's credentials (401). Renew them (log in again, or fix the exec plugin).`
        : error instanceof DeskError || error instanceof KubeApiError
          ? error.message
          : describeError(error);
    return { context, server, reachable: false, problem };
  }
}
