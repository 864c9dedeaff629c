import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubeContextInfo, KubeContextList } from '../../../shared/domain/cluster.ts';
import { DeskError } from '../../../shared/contract/result.ts';
import { describeError, rememberSecret } from '../log/secret-redactor.ts';

/** k3s writes its admin kubeconfig here; on a k3s server it is often the only one. */
const K3S_KUBECONFIG = '/etc/rancher/k3s/k3s.yaml';

export interface LoadedKubeconfig {
  readonly kubeConfig: KubeConfig;
  /** The file(s) it came from, joined by the platform's path delimiter. */
  readonly source: string;
}

/**
 * Which files make up the kubeconfig, by kubectl's rules: Settings › kubeconfig, else $KUBECONFIG
 * (a list), else ~/.kube/config, else the k3s admin file. Unlike client-node's loadFromDefault there is no
 * silent fallback to localhost:8080: no file means a clear "no kubeconfig" message.
 */
export function kubeconfigFiles(
  kubeconfigPath: string,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string[] {
  if (kubeconfigPath) return [kubeconfigPath];
  const fromEnv = (env['KUBECONFIG'] ?? '').split(delimiter).filter(Boolean);
  if (fromEnv.length > 0) return fromEnv.filter((file) => existsSync(file));
  const inHome = join(home, '.kube', 'config');
  if (existsSync(inHome)) return [inHome];
  return existsSync(K3S_KUBECONFIG) ? [K3S_KUBECONFIG] : [];
}

export function loadKubeconfig(
  kubeconfigPath: string,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): LoadedKubeconfig {
  const files = kubeconfigFiles(kubeconfigPath, env, home);
  if (files.length === 0)
    throw new DeskError(
      'kubeconfig-invalid',
      'No kubeconfig found. Set KUBECONFIG, create ~/.kube/config, or choose a file in Settings › Kubeconfig.',
    );
  const kubeConfig = new KubeConfig();
  for (const [index, file] of files.entries()) {
    if (!existsSync(file))
      throw new DeskError(
        'kubeconfig-invalid',
        `The kubeconfig ${file} does not exist (Settings › Kubeconfig).`,
      );
    try {
      if (index === 0) kubeConfig.loadFromFile(file);
      else {
        // kubectl merges a KUBECONFIG list with the first file's current-context winning.
        const next = new KubeConfig();
        next.loadFromFile(file);
        kubeConfig.mergeConfig(next, true);
      }
    } catch (error) {
      throw new DeskError(
        'kubeconfig-invalid',
        `The kubeconfig ${file} cannot be read: ${describeError(error)}`,
      );
    }
  }
  // Static credentials in the kubeconfig must never reach a log line or an error message either.
  for (const user of kubeConfig.getUsers()) {
    if (user.token) rememberSecret(user.token);
    if (user.password) rememberSecret(user.password);
  }
  return { kubeConfig, source: files.join(delimiter) };
}

/** The context ghcr-desk works in: Settings › kube context, else the kubeconfig's current-context. */
export function activeContextName(kubeConfig: KubeConfig, settingsContext: string): string {
  const name = settingsContext || kubeConfig.getCurrentContext();
  if (!name)
    throw new DeskError(
      'kubeconfig-invalid',
      'The kubeconfig has no current-context; choose a context in Settings › Kube context.',
    );
  if (!kubeConfig.getContextObject(name))
    throw new DeskError(
      'kubeconfig-invalid',
      `The context "${name}" is not in the kubeconfig; choose another one in Settings › Kube context.`,
    );
  return name;
}

export function listKubeContexts(loaded: LoadedKubeconfig, settingsContext: string): KubeContextList {
  const { kubeConfig } = loaded;
  const contexts: KubeContextInfo[] = kubeConfig.getContexts().map((context) => ({
    name: context.name,
    cluster: context.cluster,
    server: kubeConfig.getCluster(context.cluster)?.server ?? '',
    user: context.user,
    ...(context.namespace ? { namespace: context.namespace } : {}),
  }));
  return {
    source: loaded.source,
    active: settingsContext || kubeConfig.getCurrentContext(),
    kubeconfigCurrent: kubeConfig.getCurrentContext(),
    contexts,
  };
}
