import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import type { BenchTenant } from './bench-tenants.ts';
import { SECRET_NAME } from './bench-tenants.ts';

/**
 * What operators run today: one `kubectl create secret docker-registry … --dry-run=client -o yaml |
 * kubectl apply -f -` per namespace, one after the other, with the values in shell variables (as a loop
 * over a list would have them). Two kubectl processes per namespace, each loading the kubeconfig and
 * opening its own TLS connection.
 */
const PIPELINE =
  `kubectl create secret docker-registry ${SECRET_NAME} --namespace "$NS" ` +
  '--docker-server="$SERVER" --docker-username="$LOGIN" --docker-password="$TOKEN" ' +
  '--dry-run=client -o yaml | kubectl apply -f -';

export interface KubectlLoopOptions {
  readonly kubectl: string;
  readonly kubeconfigPath: string;
  /** kubectl's discovery cache (KUBECACHEDIR): warm after the first namespace, as on an operator's machine. */
  readonly cacheDir: string;
  readonly registryHost: string;
  readonly tenants: readonly BenchTenant[];
  readonly tokenOf: (tenant: BenchTenant) => string;
  readonly onProgress?: (done: number) => void;
}

export interface KubectlLoopResult {
  readonly processes: number;
  /** Namespaces whose pipeline exited non-zero. */
  readonly failed: number;
}

function runPipeline(env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    // stderr is dropped: kubectl apply warns there about the missing last-applied annotation each time.
    const child = spawn('bash', ['-c', PIPELINE], { env, stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

export async function runKubectlLoop(options: KubectlLoopOptions): Promise<KubectlLoopResult> {
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${dirname(options.kubectl)}:${process.env['PATH'] ?? ''}`,
    KUBECONFIG: options.kubeconfigPath,
    KUBECACHEDIR: options.cacheDir,
    SERVER: options.registryHost,
  };
  let failed = 0;
  let done = 0;
  for (const tenant of options.tenants) {
    // The loop hands kubectl the token as an operator's would (its argv); from here it travels in the
    // environment of the shell, so no log line of this process ever holds it.
    const code = await runPipeline({
      ...base,
      NS: tenant.namespace,
      LOGIN: tenant.owner,
      TOKEN: options.tokenOf(tenant),
    });
    if (code !== 0) failed += 1;
    done += 1;
    options.onProgress?.(done);
  }
  return { processes: options.tenants.length * 2, failed };
}
