import type { Settings } from '../../../shared/domain/app.ts';
import { createKubeClient, type KubeClient, type KubeClientOptions } from './kube-client.ts';
import { activeContextName, loadKubeconfig } from './kubeconfig-loader.ts';

export type KubeSettings = Pick<Settings, 'kubeconfigPath' | 'kubeContext'>;

/**
 * A client for the active context (Settings › kubeconfig and context, else kubectl's rules). Throws
 * DeskError('kubeconfig-invalid') with the loader's sentence for a missing or malformed kubeconfig or an
 * unknown context.
 */
export function openKubeClient(settings: KubeSettings, options: KubeClientOptions = {}): KubeClient {
  const { kubeConfig } = loadKubeconfig(settings.kubeconfigPath);
  return createKubeClient(kubeConfig, activeContextName(kubeConfig, settings.kubeContext), options);
}

export interface ClusterAccess {
  /** The client of the current settings' context; a new one when the kubeconfig or context changed. */
  client(): KubeClient;
  close(): Promise<void>;
}

/** One client per kubeconfig + context, kept while the settings point at it (its connection pool stays warm). */
export function createClusterAccess(
  settings: () => KubeSettings,
  options: KubeClientOptions = {},
): ClusterAccess {
  let current: { key: string; client: KubeClient } | undefined;
  return {
    client() {
      const { kubeconfigPath, kubeContext } = settings();
      const key = `${kubeconfigPath}\u0000${kubeContext}\u0000${process.env['KUBECONFIG'] ?? ''}`;
      if (current?.key === key) return current.client;
      const client = openKubeClient({ kubeconfigPath, kubeContext }, options);
      void current?.client.close();
      current = { key, client };
      return client;
    },
    async close() {
      await current?.client.close();
      current = undefined;
    },
  };
}
