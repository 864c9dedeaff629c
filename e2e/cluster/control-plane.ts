import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureControlPlaneBinaries, KUBE_VERSION, type ControlPlaneBinaries } from './binaries.ts';
import { generateCertificates, type ControlPlaneCertificates } from './certificates.ts';
import { freePort } from './free-port.ts';
import { kubeHttp, type KubeHttp } from './kube-http.ts';
import { writeKubeconfig } from './kubeconfig-file.ts';
import { startProcess, type ManagedProcess } from './managed-process.ts';
import { startOwnerWatchdog, type OwnerWatchdog } from './owner-watchdog.ts';
import { RESTRICTED_USER, setUpRestrictedUser } from './restricted-user.ts';

/** Everything a client needs to reach an instance; plain data (it crosses Vitest's `provide`, a JSON file). */
export interface ControlPlaneInfo {
  readonly version: string;
  /** The instance directory: certificates, kubeconfigs, etcd data, logs/. */
  readonly dir: string;
  /** `https://127.0.0.1:<port>`. */
  readonly server: string;
  /** system:masters. */
  readonly kubeconfigPath: string;
  /** User `restricted-operator`: read everything, write Secrets only where granted. */
  readonly restrictedKubeconfigPath: string;
  /** Both users as two contexts (`ghcr-desk-test-admin` current, `ghcr-desk-test-restricted`). */
  readonly combinedKubeconfigPath: string;
  readonly restrictedUser: string;
  readonly kubectl: string;
  readonly caFile: string;
  readonly etcdUrl: string;
  readonly logDir: string;
}

export interface ControlPlane extends ControlPlaneInfo {
  /** A JSON client with admin rights (the harness's own; tests may use it too). */
  readonly admin: KubeHttp;
  /** Stops every process (no process left behind) and removes a temporary instance directory. */
  stop(): Promise<void>;
  /** Lets go of a running instance without stopping it (`outliveParent`): closes the admin client. */
  disconnect(): void;
  /** Fault: stop the apiserver gracefully (or kill it) and start it again on the same port, same etcd. */
  restartApiserver(options?: { readonly kill?: boolean }): Promise<void>;
  /** Fault: the apiserver is unreachable for `seconds`, then serves again on the same port. */
  stopApiserverFor(seconds: number): Promise<void>;
  /** Fault: restart etcd (same data, same port); resolves when the apiserver is ready again. */
  restartEtcd(options?: { readonly kill?: boolean }): Promise<void>;
  /** The process ids of the running components, by name. */
  pids(): Readonly<Record<string, number>>;
}

export interface ControlPlaneOptions {
  /** Instance directory; default a fresh temporary one, removed on stop. An existing dir is reused (certs). */
  readonly dir?: string;
  readonly binaries?: ControlPlaneBinaries;
  /**
   * Keep running after this Node process exits (`npm run cluster:up`). Default false: the instance dies with
   * its owner, even on SIGKILL (a watchdog), and no process is left behind.
   */
  readonly outliveParent?: boolean;
  /** Wait until kube-controller-manager works (the `default` ServiceAccount exists). Default true. */
  readonly waitForControllers?: boolean;
  /** Client QPS of kube-controller-manager; raise it for benchmarks with thousands of pods. Default 100. */
  readonly controllerQps?: number;
  /** Extra kube-apiserver flags (e.g. `--watch-cache=false`). */
  readonly apiserverArgs?: readonly string[];
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
}

const ADMIN = { name: 'admin', user: 'ghcr-desk-test-admin', groups: ['system:masters'] };
const CONTROLLER_MANAGER = { name: 'controller-manager', user: 'system:kube-controller-manager' };
const RESTRICTED = { name: 'restricted', user: RESTRICTED_USER, groups: ['ghcr-desk:operators'] };
const SERVICE_CLUSTER_IP_RANGE = '10.0.0.0/24';
const READY_TIMEOUT_MS = 120_000;
// On SIGTERM the apiserver stops listening and closes watches within a second, then keeps the process
// for up to a minute while clients' long-running connections drain. Its graceful part is over by then.
const APISERVER_GRACE_MS = 3000;

interface Ports {
  readonly etcdClient: number;
  readonly etcdPeer: number;
  readonly apiserver: number;
}

/** Persisted so a restart of the instance (cluster:up again) keeps its ports and kubeconfigs valid. */
interface InstanceState {
  readonly ports: Ports;
}

async function loadOrPickPorts(dir: string): Promise<Ports> {
  const stateFile = join(dir, 'instance.json');
  if (existsSync(stateFile)) {
    return (JSON.parse(await readFile(stateFile, 'utf8')) as InstanceState).ports;
  }
  const ports = { etcdClient: await freePort(), etcdPeer: await freePort(), apiserver: await freePort() };
  await writeFile(stateFile, JSON.stringify({ ports } satisfies InstanceState, null, 2));
  return ports;
}

async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  processes: readonly ManagedProcess[],
  timeoutMs = READY_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = processes.find((p) => !p.isRunning());
    if (dead) {
      const tail = (await readFile(dead.logFile, 'utf8').catch(() => '')).split('\n').slice(-25).join('\n');
      throw new Error(
        `${dead.name} exited while waiting for ${what}; last log lines (${dead.logFile}):\n${tail}`,
      );
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Starts etcd, kube-apiserver and kube-controller-manager (the pinned Kubernetes version, built from source
 * by build-binaries.sh) on free 127.0.0.1 ports with freshly generated certificates, and writes the admin,
 * restricted and combined kubeconfigs. Resolves once the apiserver is ready (and, by default, the
 * controllers work).
 */
export async function startControlPlane(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const log = options.log ?? (() => {});
  const binaries = options.binaries ?? (await ensureControlPlaneBinaries());
  const temporary = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'ghcr-desk-cp-')));
  const logDir = join(dir, 'logs');
  const certDir = join(dir, 'pki');
  await mkdir(logDir, { recursive: true });
  await mkdir(certDir, { recursive: true });

  const certs: ControlPlaneCertificates = existsSync(join(certDir, 'certs.json'))
    ? (JSON.parse(await readFile(join(certDir, 'certs.json'), 'utf8')) as ControlPlaneCertificates)
    : await generateCertificates(certDir, [ADMIN, CONTROLLER_MANAGER, RESTRICTED]);
  await writeFile(join(certDir, 'certs.json'), JSON.stringify(certs, null, 2));
  const ports = await loadOrPickPorts(dir);
  const server = `https://127.0.0.1:${ports.apiserver}`;
  const etcdUrl = `http://127.0.0.1:${ports.etcdClient}`;
  const clientCert = (name: string) => {
    const pair = certs.clients[name];
    if (!pair) throw new Error(`no client certificate ${name}`);
    return pair;
  };

  const cluster = { name: 'ghcr-desk-test', server, caFile: certs.caCert };
  const kubeconfigPath = join(dir, 'admin.kubeconfig');
  const restrictedKubeconfigPath = join(dir, 'restricted.kubeconfig');
  const combinedKubeconfigPath = join(dir, 'combined.kubeconfig');
  const controllerManagerKubeconfig = join(dir, 'controller-manager.kubeconfig');
  const adminUser = {
    name: 'ghcr-desk-test-admin',
    certFile: clientCert('admin').cert,
    keyFile: clientCert('admin').key,
  };
  const restrictedUser = {
    name: 'ghcr-desk-test-restricted',
    certFile: clientCert('restricted').cert,
    keyFile: clientCert('restricted').key,
  };
  await writeKubeconfig(kubeconfigPath, cluster, [adminUser]);
  await writeKubeconfig(restrictedKubeconfigPath, cluster, [restrictedUser]);
  await writeKubeconfig(combinedKubeconfigPath, cluster, [adminUser, restrictedUser]);
  await writeKubeconfig(controllerManagerKubeconfig, cluster, [
    {
      name: 'controller-manager',
      certFile: clientCert('controller-manager').cert,
      keyFile: clientCert('controller-manager').key,
    },
  ]);

  const pidFile = join(dir, 'pids');
  const watchdog: OwnerWatchdog | undefined = options.outliveParent
    ? undefined
    : startOwnerWatchdog(pidFile, temporary ? dir : undefined);
  const running = new Map<string, ManagedProcess>();
  const writePids = () =>
    writeFile(pidFile, [...running.values()].map((p) => `${p.name} ${p.pid}\n`).join(''));
  const launch = async (name: string, command: string, args: readonly string[]) => {
    const child = startProcess(name, command, args, {
      logFile: join(logDir, `${name}.log`),
      outliveParent: options.outliveParent ?? false,
      // Go picks up proxies from the environment; nothing here may go through one.
      env: { ...process.env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' },
    });
    running.set(name, child);
    await writePids();
    return child;
  };

  const admin = kubeHttp({
    server,
    ca: await readFile(certs.caCert),
    cert: await readFile(clientCert('admin').cert),
    key: await readFile(clientCert('admin').key),
  });

  const startEtcd = () =>
    launch('etcd', binaries.etcd, [
      '--name=default',
      `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
      `--initial-cluster=default=http://127.0.0.1:${ports.etcdPeer}`,
      // Throwaway data: fsync buys nothing here and costs seconds on a shared disk.
      '--unsafe-no-fsync',
      '--log-level=warn',
    ]);
  const etcdHealthy = async () => {
    const response = await fetch(`${etcdUrl}/health`, { signal: AbortSignal.timeout(2000) });
    return response.ok && ((await response.json()) as { health?: string }).health === 'true';
  };

  const startApiserver = () =>
    launch('kube-apiserver', binaries.kubeApiserver, [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${ports.apiserver}`,
      `--tls-cert-file=${certs.apiserverCert}`,
      `--tls-private-key-file=${certs.apiserverKey}`,
      `--client-ca-file=${certs.caCert}`,
      '--authorization-mode=Node,RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${certs.serviceAccountPublicKey}`,
      `--service-account-signing-key-file=${certs.serviceAccountKey}`,
      `--service-cluster-ip-range=${SERVICE_CLUSTER_IP_RANGE}`,
      '--allow-privileged=true',
      // The `kubernetes` Service's endpoints would point at 127.0.0.1, which Endpoints validation
      // refuses (loopback); nothing in the cluster needs to reach the apiserver through it.
      '--endpoint-reconciler-type=none',
      '--profiling=false',
      ...(options.apiserverArgs ?? []),
    ]);
  const apiserverReady = async () => {
    return (await admin.request<string>('GET', '/readyz')) === 'ok';
  };

  const startControllerManager = () =>
    launch('kube-controller-manager', binaries.kubeControllerManager, [
      `--kubeconfig=${controllerManagerKubeconfig}`,
      // No serving port: nothing scrapes it, and it would need its own authn/authz kubeconfigs.
      '--secure-port=0',
      '--leader-elect=false',
      '--controllers=*',
      '--use-service-account-credentials=true',
      `--service-account-private-key-file=${certs.serviceAccountKey}`,
      `--root-ca-file=${certs.caCert}`,
      `--cluster-signing-cert-file=${certs.caCert}`,
      `--cluster-signing-key-file=${certs.caKey}`,
      `--service-cluster-ip-range=${SERVICE_CLUSTER_IP_RANGE}`,
      `--kube-api-qps=${options.controllerQps ?? 100}`,
      `--kube-api-burst=${(options.controllerQps ?? 100) * 2}`,
    ]);

  let stopped = false;
  const stopAll = async () => {
    // Reverse order: controllers, apiserver, etcd; each waits for its process to exit.
    for (const name of ['kube-controller-manager', 'kube-apiserver', 'etcd']) {
      await running.get(name)?.stop(name === 'kube-apiserver' ? APISERVER_GRACE_MS : 10_000);
      running.delete(name);
    }
    await writePids();
  };

  try {
    const started = Date.now();
    await startEtcd();
    await waitUntil('etcd', etcdHealthy, [...running.values()]);
    await startApiserver();
    await waitUntil('kube-apiserver /readyz', apiserverReady, [...running.values()]);
    log(`kube-apiserver ready at ${server} after ${Date.now() - started} ms`);
    await setUpRestrictedUser(admin);
    await startControllerManager();
    if (options.waitForControllers ?? true) {
      await waitUntil(
        'kube-controller-manager (the default ServiceAccount)',
        async () => Boolean(await admin.request('GET', '/api/v1/namespaces/default/serviceaccounts/default')),
        [...running.values()],
      );
      log(`controllers working after ${Date.now() - started} ms`);
    }
  } catch (error) {
    await stopAll();
    watchdog?.dismiss();
    admin.close();
    if (temporary) await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const restartApiserver = async (kill = false, downSeconds = 0) => {
    const apiserver = running.get('kube-apiserver');
    await apiserver?.stop(kill ? 0 : APISERVER_GRACE_MS);
    if (downSeconds > 0) await sleep(downSeconds * 1000);
    await startApiserver();
    await waitUntil('kube-apiserver /readyz after restart', apiserverReady, [...running.values()]);
  };

  return {
    version: KUBE_VERSION,
    dir,
    server,
    kubeconfigPath,
    restrictedKubeconfigPath,
    combinedKubeconfigPath,
    restrictedUser: RESTRICTED_USER,
    kubectl: binaries.kubectl,
    caFile: certs.caCert,
    etcdUrl,
    logDir,
    admin,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopAll();
      watchdog?.dismiss();
      admin.close();
      if (temporary) await rm(dir, { recursive: true, force: true });
    },
    disconnect() {
      admin.close();
    },
    restartApiserver: (opts) => restartApiserver(opts?.kill ?? false),
    stopApiserverFor: (seconds) => restartApiserver(false, seconds),
    async restartEtcd(opts) {
      await running.get('etcd')?.stop(opts?.kill ? 0 : 10_000);
      await startEtcd();
      await waitUntil('etcd after restart', etcdHealthy, [...running.values()]);
      await waitUntil('kube-apiserver /readyz after etcd restart', apiserverReady, [...running.values()]);
    },
    pids: () => Object.fromEntries([...running.values()].map((p) => [p.name, p.pid])),
  };
}
