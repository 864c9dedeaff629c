import { KubeConfig } from '@kubernetes/client-node';
import { request } from 'node:http';
import { inject } from 'vitest';
import type { ControlPlaneInfo } from './control-plane.ts';
import { kubeHttpFromConfig, type KubeHttp } from './kube-http.ts';

let cached: Promise<ControlPlaneInfo> | undefined;

/**
 * The control plane shared by all integration test files of this Vitest run (started on first use by
 * vitest-global-setup.ts, stopped when the run ends). Use unique namespaces: other files use it too.
 * Tests that break the control plane (fault tests) start their own with `startControlPlane()`.
 */
export function sharedControlPlane(): Promise<ControlPlaneInfo> {
  cached ??= new Promise<ControlPlaneInfo>((resolve, reject) => {
    const broker = inject('ghcrDeskControlPlaneBroker');
    if (!broker) {
      reject(new Error('no control plane broker: run this file in the Vitest "integration" project'));
      return;
    }
    // node:http rather than fetch: fetch gives up after 5 minutes of waiting for headers, a cold build takes longer.
    const req = request(`${broker}/control-plane`, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.once('end', () =>
        response.statusCode === 200
          ? resolve(JSON.parse(body) as ControlPlaneInfo)
          : reject(new Error(`the shared control plane did not start: ${body}`)),
      );
    });
    req.once('error', reject);
    req.end();
  });
  return cached;
}

/** A @kubernetes/client-node KubeConfig for a kubeconfig file (admin, restricted or combined). */
export function loadKubeConfig(path: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromFile(path);
  return config;
}

/** The harness's small JSON client with the identity of a kubeconfig written by the harness. */
export function kubeHttpFor(kubeconfigPath: string): Promise<KubeHttp> {
  return kubeHttpFromConfig(loadKubeConfig(kubeconfigPath));
}
