import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The Kubernetes version the test control plane is pinned to (a version k3s ships). */
export const KUBE_VERSION = 'v1.36.3';

export interface ControlPlaneBinaries {
  readonly dir: string;
  readonly etcd: string;
  readonly kubeApiserver: string;
  readonly kubeControllerManager: string;
  readonly kubectl: string;
}

/**
 * Builds (or reuses, or takes from KUBEBUILDER_ASSETS) the control-plane binaries through
 * build-binaries.sh; its progress goes to stderr.
 */
export async function ensureControlPlaneBinaries(): Promise<ControlPlaneBinaries> {
  const script = join(import.meta.dirname, 'build-binaries.sh');
  const { stdout } = await execFileAsync('bash', [script], {
    env: { ...process.env, KUBE_VERSION },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 60 * 60 * 1000,
  });
  const dir = stdout.trim().split('\n').pop() ?? '';
  return {
    dir,
    etcd: join(dir, 'etcd'),
    kubeApiserver: join(dir, 'kube-apiserver'),
    kubeControllerManager: join(dir, 'kube-controller-manager'),
    kubectl: join(dir, 'kubectl'),
  };
}
