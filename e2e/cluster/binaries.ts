import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The Kubernetes version the test control plane is pinned to (a version k3s ships). */
export const KUBE_VERSION = 'v1.36.3';

export interface ControlPlaneBinaries {
  readonly dir: string;
  readonly etcd: string;
  readonly kubeApiserver: string;
  readonly kubeControllerManager: string;
  readonly kubectl: string;
}

let pending: Promise<ControlPlaneBinaries> | undefined;

/**
 * Builds (or reuses, or takes from KUBEBUILDER_ASSETS) the control-plane binaries through
 * build-binaries.sh. Its progress lines (one per step, with timings) go to stderr as they come, so a cold
 * build of ~10 minutes is not silent. Concurrent callers in one process share one build.
 */
export function ensureControlPlaneBinaries(): Promise<ControlPlaneBinaries> {
  pending ??= build().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

function build(): Promise<ControlPlaneBinaries> {
  const script = join(import.meta.dirname, 'build-binaries.sh');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script], {
      env: { ...process.env, KUBE_VERSION },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`build-binaries.sh exited ${code}; its output above says why`));
        return;
      }
      const dir = stdout.trim().split('\n').pop() ?? '';
      resolve({
        dir,
        etcd: join(dir, 'etcd'),
        kubeApiserver: join(dir, 'kube-apiserver'),
        kubeControllerManager: join(dir, 'kube-controller-manager'),
        kubectl: join(dir, 'kubectl'),
      });
    });
  });
}
