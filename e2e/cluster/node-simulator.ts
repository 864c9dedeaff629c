import { KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { release } from 'node:os';
import { KUBE_VERSION } from './binaries.ts';
import {
  credentialsFor,
  PullSecretParseError,
  type PullSecretLike,
  type RegistryCredential,
} from './docker-credentials.ts';
import { DueQueue } from './due-queue.ts';
import { parseImageReference } from './image-reference.ts';
import { KubeApiError, kubeHttpFromConfig, type KubeHttp } from './kube-http.ts';
import { KubeletEventRecorder, type KubeletEvent } from './kubelet-events.ts';
import {
  buildPodStatus,
  imageWithDefaultTag,
  statusSignature,
  type ContainerRecord,
  type PodRecord,
} from './pod-status.ts';
import { Reflector, type KubeObject } from './reflector.ts';
import { defaultRegistryEndpoint, pullImage } from './registry-pull.ts';
import { WorkQueue } from './work-queue.ts';

export interface NodeSimulatorOptions {
  /** A kubeconfig with rights to bind pods, write pod status, nodes, leases and events (the admin one). */
  readonly kubeconfigPath: string;
  /**
   * Node names, or how many nodes to simulate. Default: one node named `sim-<random>`, so several
   * simulators can share one control plane.
   */
  readonly nodes?: number | readonly string[];
  /**
   * Which namespaces' pods this simulator schedules and runs. Default: all. Give each test file its own
   * (e.g. by name prefix) when several simulators share a control plane.
   */
  readonly managesNamespace?: (namespace: string) => boolean;
  /** Base URL per registry host, e.g. `{ 'ghcr.io': 'http://127.0.0.1:5123' }` (like containerd's mirrors). */
  readonly registryEndpoints?: Readonly<Record<string, string>>;
  /** CA of https registry endpoints with their own certificate. */
  readonly registryCa?: string | Buffer;
  readonly pullTimeoutMs?: number;
  /** kubelet's image pull back-off: 10 s doubling to 300 s. Make it small in tests. */
  readonly backOff?: { readonly initialMs?: number; readonly maxMs?: number };
  /** How long after a failed pull ErrImagePull turns into ImagePullBackOff (default 1 s, capped by back-off). */
  readonly showBackOffAfterMs?: number;
  /** Pods synced at once (each sync may pull from a registry). Default 16. */
  readonly concurrency?: number;
  /** Write Events (Scheduled, Pulling, Pulled, Failed, BackOff, …). Default true. */
  readonly events?: boolean;
  /** Node lease renewal period (kubelet: 10 s). */
  readonly leaseRenewMs?: number;
  readonly log?: (line: string) => void;
  /** Benchmarks: each pod status write, once the apiserver took it (times: epoch ms, sub-ms precision). */
  readonly onStatusWrite?: (write: StatusWrite) => void;
}

export interface StatusWrite {
  readonly namespace: string;
  readonly name: string;
  readonly status: Readonly<Record<string, unknown>>;
  readonly sentAt: number;
  readonly ackedAt: number;
}

export interface NodeSimulatorStats {
  readonly pods: number;
  readonly running: number;
  readonly failing: number;
  readonly binds: number;
  readonly pullsOk: number;
  readonly pullsFailed: number;
  readonly statusWrites: number;
  readonly events: number;
  readonly errors: number;
  readonly queued: number;
}

export interface ChurnOptions {
  /** Status changes per second across all running pods (each flips ready, restarts add to restartCount). */
  readonly perSecond: number;
}

export interface NodeSimulator {
  readonly nodes: readonly string[];
  stats(): NodeSimulatorStats;
  /** Steady status churn for benchmarks: running pods lose and regain readiness with a restart. */
  churn(options: ChurnOptions): { stop(): void };
  /** Resolves when no pod sync is queued or running (due back-off retries may follow). */
  idle(): Promise<void>;
  /** Stops syncing; deletes the simulated nodes unless `keepNodes`. */
  stop(options?: { readonly keepNodes?: boolean }): Promise<void>;
}

interface Pod extends KubeObject {
  readonly spec: {
    readonly nodeName?: string;
    readonly schedulerName?: string;
    readonly containers: readonly { readonly name: string; readonly image: string }[];
    readonly imagePullSecrets?: readonly { readonly name?: string }[];
  };
  readonly status?: {
    readonly phase?: string;
    readonly podIP?: string;
    readonly hostIP?: string;
    readonly startTime?: string;
    readonly containerStatuses?: readonly {
      readonly name: string;
      readonly ready?: boolean;
      readonly restartCount?: number;
      readonly imageID?: string;
      readonly containerID?: string;
      readonly state?: {
        readonly running?: { readonly startedAt?: string };
        readonly waiting?: { readonly reason?: string; readonly message?: string };
      };
    }[];
  };
}

const LEASE_NAMESPACE = 'kube-node-lease';
const DEFAULT_SCHEDULER = 'default-scheduler';

/** Kubernetes MicroTime: RFC 3339 with exactly six fractional digits. */
const microTime = (date = new Date()) => date.toISOString().replace(/Z$/, '000Z');
const seconds = (date = new Date()) => date.toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * Plays kubelet and scheduler for fake Nodes against a real apiserver: registers Ready nodes and keeps
 * their leases, binds pending pods, and decides each container's fate by pulling its image for real
 * (Docker Registry v2 token flow with the pod's imagePullSecrets): Running/Ready, or ErrImagePull then
 * ImagePullBackOff with kubelet's back-off and Events carrying the registry's refusal. A retry after the
 * back-off that succeeds turns the same pod Running. Watch-driven, a bounded work queue, one timer.
 */
export async function startNodeSimulator(options: NodeSimulatorOptions): Promise<NodeSimulator> {
  const config = new KubeConfig();
  config.loadFromFile(options.kubeconfigPath);
  const http: KubeHttp = await kubeHttpFromConfig(config, 64);
  const log = options.log ?? (() => {});
  const manages = options.managesNamespace ?? (() => true);
  const initialBackOff = options.backOff?.initialMs ?? 10_000;
  const maxBackOff = options.backOff?.maxMs ?? 300_000;
  const showBackOffAfter = options.showBackOffAfterMs ?? 1000;
  const writeEvents = options.events ?? true;
  const endpointFor = (registry: string) =>
    options.registryEndpoints?.[registry] ?? defaultRegistryEndpoint(registry);
  const suffix = randomBytes(3).toString('hex');
  const nodes: string[] =
    typeof options.nodes === 'number'
      ? Array.from({ length: options.nodes }, (_, i) => `sim-${suffix}-${i + 1}`)
      : options.nodes
        ? [...options.nodes]
        : [`sim-${suffix}`];
  const ourNodes = new Set(nodes);
  const nodeIndex = new Map(nodes.map((n, i) => [n, i]));
  const ipCounters = nodes.map(() => 0);
  const recorder = new KubeletEventRecorder(http);
  const records = new Map<string, PodRecord>();
  const retries = new Map<string, number>();
  const counters = { binds: 0, pullsOk: 0, pullsFailed: 0, statusWrites: 0, errors: 0 };
  let nextNode = 0;
  let stopped = false;

  const event = (
    pod: PodRecord | { namespace: string; name: string; uid: string },
    node: string,
    e: KubeletEvent,
    component?: string,
  ) =>
    writeEvents ? recorder.record(pod, node, e, component).catch(() => counters.errors++) : Promise.resolve();

  // --- nodes and leases -------------------------------------------------------------------------------
  const nodeUids = new Map<string, string>();
  async function registerNode(name: string, index: number): Promise<void> {
    let node: { metadata: { uid: string } };
    try {
      node = await http.request('POST', '/api/v1/nodes', {
        body: {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: {
            name,
            labels: {
              'kubernetes.io/hostname': name,
              'kubernetes.io/os': 'linux',
              'kubernetes.io/arch': 'amd64',
              'ghcr-desk.test/simulated': 'true',
            },
          },
          spec: { podCIDR: `10.${100 + index}.0.0/16`, podCIDRs: [`10.${100 + index}.0.0/16`] },
        },
      });
    } catch (error) {
      if (!(error instanceof KubeApiError && error.status === 409)) throw error;
      node = await http.request('GET', `/api/v1/nodes/${name}`);
    }
    nodeUids.set(name, node.metadata.uid);
    const now = seconds();
    const condition = (type: string, status: string, reason: string, message: string) => ({
      type,
      status,
      reason,
      message,
      lastHeartbeatTime: now,
      lastTransitionTime: now,
    });
    await http.request('PATCH', `/api/v1/nodes/${name}/status`, {
      contentType: 'application/merge-patch+json',
      body: {
        status: {
          capacity: { cpu: '16', memory: '64Gi', pods: '10000', 'ephemeral-storage': '200Gi' },
          allocatable: { cpu: '16', memory: '63Gi', pods: '10000', 'ephemeral-storage': '190Gi' },
          conditions: [
            condition(
              'MemoryPressure',
              'False',
              'KubeletHasSufficientMemory',
              'kubelet has sufficient memory available',
            ),
            condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
            condition(
              'PIDPressure',
              'False',
              'KubeletHasSufficientPID',
              'kubelet has sufficient PID available',
            ),
            condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
          ],
          addresses: [
            { type: 'InternalIP', address: `10.89.0.${index + 1}` },
            { type: 'Hostname', address: name },
          ],
          daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
          nodeInfo: {
            machineID: randomBytes(16).toString('hex'),
            systemUUID: randomBytes(16).toString('hex'),
            bootID: randomBytes(16).toString('hex'),
            kernelVersion: release(),
            osImage: 'ghcr-desk node simulator',
            containerRuntimeVersion: 'containerd://2.1.4',
            kubeletVersion: KUBE_VERSION,
            kubeProxyVersion: '',
            operatingSystem: 'linux',
            architecture: 'amd64',
          },
        },
      },
    });
    await renewLease(name);
  }

  async function renewLease(name: string): Promise<void> {
    const path = `/apis/coordination.k8s.io/v1/namespaces/${LEASE_NAMESPACE}/leases`;
    try {
      await http.request('PATCH', `${path}/${name}`, {
        contentType: 'application/merge-patch+json',
        body: { spec: { holderIdentity: name, renewTime: microTime() } },
      });
    } catch (error) {
      if (!(error instanceof KubeApiError && error.status === 404)) throw error;
      await http.request('POST', path, {
        body: {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: {
            name,
            namespace: LEASE_NAMESPACE,
            ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: nodeUids.get(name) ?? '' }],
          },
          spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: microTime() },
        },
      });
    }
  }

  for (const [i, name] of nodes.entries()) await registerNode(name, i);
  // The node lifecycle controller marks a node unreachable (and later evicts its pods) without heartbeats.
  const leaseTimer = setInterval(() => {
    for (const name of nodes) renewLease(name).catch(() => counters.errors++);
  }, options.leaseRenewMs ?? 10_000);
  leaseTimer.unref();

  // --- pods --------------------------------------------------------------------------------------------
  const queue = new WorkQueue<string>((key) => syncPod(key), options.concurrency ?? 16);
  const due = new DueQueue<string>((key) => queue.add(key));
  const pods = new Reflector<Pod>({
    http,
    path: '/api/v1/pods',
    onEvent: (_type, pod) => {
      const ns = pod.metadata.namespace ?? '';
      if (!manages(ns)) return;
      if (pod.spec.nodeName && !ourNodes.has(pod.spec.nodeName)) return;
      queue.add(`${ns}/${pod.metadata.name}`);
    },
    onError: (error) => log(`pod watch: ${(error as Error).message}`),
  });

  function forget(key: string): void {
    const record = records.get(key);
    if (record) recorder.forget(record.uid);
    records.delete(key);
    retries.delete(key);
    due.cancel(key);
  }

  function allocateIp(node: string): string {
    const index = nodeIndex.get(node) ?? 0;
    const n = (ipCounters[index] ?? 0) + 1;
    ipCounters[index] = n;
    return `10.${100 + index}.${(n >> 8) & 255}.${n & 255 || 1}`;
  }

  /** A pod this simulator did not create a record for (it restarted): take over what the status says. */
  function adopt(pod: Pod, node: string): PodRecord {
    const hostIP = `10.89.0.${(nodeIndex.get(node) ?? 0) + 1}`;
    const statuses = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
    const now = Date.now();
    const containers: ContainerRecord[] = pod.spec.containers.map((c) => {
      const ref = parseImageReference(c.image);
      const seen = statuses.get(c.name);
      const record: ContainerRecord = {
        name: c.name,
        image: c.image,
        ref,
        state: ref ? 'new' : 'invalid',
        ready: false,
        restartCount: seen?.restartCount ?? 0,
        failures: 0,
        message: '',
        nextPullAt: now,
        showBackOffAt: now,
      };
      if (ref && seen?.state?.running) {
        record.state = 'running';
        record.ready = seen.ready ?? true;
        record.startedAt = seen.state.running.startedAt ?? seconds();
        if (seen.imageID) record.imageID = seen.imageID;
        if (seen.containerID) record.containerID = seen.containerID;
      } else if (ref && ['ErrImagePull', 'ImagePullBackOff'].includes(seen?.state?.waiting?.reason ?? '')) {
        record.state = 'back-off';
        record.failures = 1;
        record.message = seen?.state?.waiting?.message ?? '';
      }
      return record;
    });
    return {
      uid: pod.metadata.uid,
      namespace: pod.metadata.namespace ?? '',
      name: pod.metadata.name,
      node,
      hostIP,
      podIP: pod.status?.podIP || allocateIp(node),
      startTime: pod.status?.startTime ?? seconds(),
      containers,
      conditionSince: new Map(),
    };
  }

  async function bind(pod: Pod): Promise<void> {
    const node = nodes[nextNode++ % nodes.length] as string;
    const ns = pod.metadata.namespace ?? '';
    try {
      await http.request('POST', `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}/binding`, {
        body: {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name: pod.metadata.name, namespace: ns, uid: pod.metadata.uid },
          target: { apiVersion: 'v1', kind: 'Node', name: node },
        },
      });
    } catch (error) {
      // Already bound (another scheduler, an earlier attempt) or gone: the watch tells us what happened.
      if (error instanceof KubeApiError && (error.status === 409 || error.status === 404)) return;
      throw error;
    }
    counters.binds++;
    void event(
      { namespace: ns, name: pod.metadata.name, uid: pod.metadata.uid },
      node,
      {
        type: 'Normal',
        reason: 'Scheduled',
        message: `Successfully assigned ${ns}/${pod.metadata.name} to ${node}`,
      },
      DEFAULT_SCHEDULER,
    );
  }

  async function readPullSecrets(pod: Pod, record: PodRecord): Promise<PullSecretLike[]> {
    const names = (pod.spec.imagePullSecrets ?? []).map((s) => s.name ?? '').filter(Boolean);
    const found: PullSecretLike[] = [];
    const missing: string[] = [];
    // Read fresh at every pull, as kubelet's secret manager would serve a just-fixed secret: a cache here
    // could race with the product's re-sync and fail the first pull of a restarted pod.
    for (const name of names) {
      try {
        found.push(
          await http.request<PullSecretLike>('GET', `/api/v1/namespaces/${record.namespace}/secrets/${name}`),
        );
      } catch (error) {
        if (error instanceof KubeApiError && error.status === 404) missing.push(name);
        else throw error;
      }
    }
    if (missing.length > 0) {
      await event(record, record.node, {
        type: 'Warning',
        reason: 'FailedToRetrieveImagePullSecret',
        message: `Unable to retrieve some image pull secrets (${missing.join(', ')}); attempting to pull the image may not succeed.`,
      });
    }
    return found;
  }

  async function pull(pod: Pod, record: PodRecord, container: ContainerRecord): Promise<void> {
    const ref = container.ref;
    if (!ref) return;
    const shown = imageWithDefaultTag(container.image, ref);
    const fieldPath = `spec.containers{${container.name}}`;
    await event(record, record.node, {
      type: 'Normal',
      reason: 'Pulling',
      message: `Pulling image "${shown}"`,
      fieldPath,
    });
    const started = Date.now();
    const secrets = await readPullSecrets(pod, record);
    let failure: string | undefined;
    let result: Awaited<ReturnType<typeof pullImage>> | undefined;
    let credentials: (RegistryCredential | undefined)[] = [];
    try {
      credentials = credentialsFor(secrets, ref.registry, ref.repository);
    } catch (error) {
      if (!(error instanceof PullSecretParseError)) throw error;
      failure = error.message;
    }
    if (!failure) {
      // kubelet tries every matching credential in turn, anonymously when none matches.
      const errors: string[] = [];
      for (const credential of credentials.length > 0 ? credentials : [undefined]) {
        result = await pullImage(ref, credential, {
          endpointFor,
          ...(options.registryCa ? { ca: options.registryCa } : {}),
          timeoutMs: options.pullTimeoutMs ?? 10_000,
        });
        if (result.ok) break;
        errors.push(result.message);
      }
      if (!result?.ok) failure = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
    }
    const now = Date.now();
    if (result?.ok && !failure) {
      counters.pullsOk++;
      const took = `${now - started}ms`;
      container.state = 'running';
      container.ready = true;
      container.failures = 0;
      container.message = '';
      container.startedAt = seconds();
      container.imageID = `${ref.registry}/${ref.repository}@${result.digest}`;
      container.containerID = `containerd://${randomBytes(32).toString('hex')}`;
      await event(record, record.node, {
        type: 'Normal',
        reason: 'Pulled',
        message: `Successfully pulled image "${shown}" in ${took} (${took} including waiting). Image size: ${result.size} bytes.`,
        fieldPath,
      });
      await event(record, record.node, {
        type: 'Normal',
        reason: 'Created',
        message: `Created container: ${container.name}`,
        fieldPath,
      });
      await event(record, record.node, {
        type: 'Normal',
        reason: 'Started',
        message: `Started container ${container.name}`,
        fieldPath,
      });
      return;
    }
    counters.pullsFailed++;
    container.failures++;
    container.state = 'pull-failed';
    container.message = failure ?? 'unknown error';
    const backOff = Math.min(initialBackOff * 2 ** (container.failures - 1), maxBackOff);
    container.nextPullAt = now + backOff;
    container.showBackOffAt = now + Math.min(showBackOffAfter, backOff);
    await event(record, record.node, {
      type: 'Warning',
      reason: 'Failed',
      message: `Failed to pull image "${shown}": ${container.message}`,
      fieldPath,
    });
    await event(record, record.node, {
      type: 'Warning',
      reason: 'Failed',
      message: 'Error: ErrImagePull',
      fieldPath,
    });
  }

  async function syncPod(key: string): Promise<void> {
    if (stopped) return;
    const pod = pods.store.get(key);
    let record = records.get(key);
    if (!pod) {
      forget(key);
      return;
    }
    if (record && record.uid !== pod.metadata.uid) {
      forget(key);
      record = undefined;
    }
    const ns = pod.metadata.namespace ?? '';
    const nodeName = pod.spec.nodeName;
    try {
      if (pod.metadata.deletionTimestamp) {
        if (nodeName && ourNodes.has(nodeName)) {
          // No containers to stop: finish the graceful deletion at once, as kubelet does once they are.
          await http
            .request('DELETE', `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}`, {
              body: {
                apiVersion: 'v1',
                kind: 'DeleteOptions',
                gracePeriodSeconds: 0,
                preconditions: { uid: pod.metadata.uid },
              },
            })
            .catch((error: unknown) => {
              if (!(error instanceof KubeApiError && (error.status === 404 || error.status === 409)))
                throw error;
            });
        }
        forget(key);
        return;
      }
      if (!nodeName) {
        if ((pod.spec.schedulerName ?? DEFAULT_SCHEDULER) === DEFAULT_SCHEDULER) await bind(pod);
        return;
      }
      if (!ourNodes.has(nodeName) || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
        return;
      if (!record) {
        record = adopt(pod, nodeName);
        records.set(key, record);
      }
      let nextDue = Infinity;
      for (const container of record.containers) {
        const now = Date.now();
        if (
          container.state === 'new' ||
          ((container.state === 'pull-failed' || container.state === 'back-off') &&
            now >= container.nextPullAt)
        ) {
          await pull(pod, record, container);
        } else if (container.state === 'pull-failed' && now >= container.showBackOffAt) {
          container.state = 'back-off';
          const shown = imageWithDefaultTag(container.image, container.ref);
          const fieldPath = `spec.containers{${container.name}}`;
          await event(record, record.node, {
            type: 'Normal',
            reason: 'BackOff',
            message: `Back-off pulling image "${shown}"`,
            fieldPath,
          });
          await event(record, record.node, {
            type: 'Warning',
            reason: 'Failed',
            message: 'Error: ImagePullBackOff',
            fieldPath,
          });
        } else if (container.state === 'invalid' && container.failures === 0) {
          container.failures = 1;
          await event(record, record.node, {
            type: 'Warning',
            reason: 'InspectFailed',
            message: `Failed to apply default image tag "${container.image}": couldn't parse image name "${container.image}": invalid reference format`,
            fieldPath: `spec.containers{${container.name}}`,
          });
        }
        if (container.state === 'pull-failed')
          nextDue = Math.min(nextDue, container.showBackOffAt, container.nextPullAt);
        if (container.state === 'back-off') nextDue = Math.min(nextDue, container.nextPullAt);
      }
      if (records.get(key) !== record) return; // deleted while pulling
      const status = buildPodStatus(record, seconds());
      if (statusSignature(status) !== statusSignature(pod.status)) {
        const sentAt = performance.timeOrigin + performance.now();
        await http.request('PATCH', `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}/status`, {
          contentType: 'application/merge-patch+json',
          body: { metadata: { uid: pod.metadata.uid }, status },
        });
        options.onStatusWrite?.({
          namespace: ns,
          name: pod.metadata.name,
          status,
          sentAt,
          ackedAt: performance.timeOrigin + performance.now(),
        });
        counters.statusWrites++;
      }
      retries.delete(key);
      if (nextDue !== Infinity) due.schedule(key, nextDue, true);
    } catch (error) {
      if (stopped) return;
      if (error instanceof KubeApiError && error.status === 404) return; // the pod is gone; the watch says so
      counters.errors++;
      // Apiserver down, 409, 429: retry this pod with back-off (client-go's rate-limited requeue).
      const attempt = (retries.get(key) ?? 0) + 1;
      retries.set(key, attempt);
      due.schedule(key, Date.now() + Math.min(100 * 2 ** (attempt - 1), 5000));
      if (attempt <= 3 || attempt % 20 === 0)
        log(`sync ${key} (attempt ${attempt}): ${(error as Error).message}`);
    }
  }

  pods.start();
  await pods.synced;
  log(`node simulator: nodes ${nodes.join(', ')} ready`);

  return {
    nodes,
    stats() {
      let running = 0;
      let failing = 0;
      for (const record of records.values()) {
        if (record.containers.every((c) => c.state === 'running')) running++;
        else if (
          record.containers.some(
            (c) => c.state === 'pull-failed' || c.state === 'back-off' || c.state === 'invalid',
          )
        )
          failing++;
      }
      return {
        pods: records.size,
        running,
        failing,
        ...counters,
        events: recorder.written,
        queued: queue.length,
      };
    },
    churn({ perSecond }) {
      const tickMs = 100;
      let budget = 0;
      let cursor: Iterator<[string, PodRecord]> = records.entries();
      const timer = setInterval(() => {
        budget += (perSecond * tickMs) / 1000;
        let visited = 0;
        while (budget >= 1 && visited < records.size) {
          let next = cursor.next();
          if (next.done) {
            cursor = records.entries();
            next = cursor.next();
            if (next.done) break;
          }
          visited++;
          const [key, record] = next.value;
          const container = record.containers[0];
          if (!container || container.state !== 'running') continue;
          budget--;
          if (container.ready) {
            // A crash and restart: the container comes back not ready, with the crash in lastState.
            const finishedAt = seconds();
            container.lastTerminated = {
              exitCode: 1,
              reason: 'Error',
              startedAt: container.startedAt ?? finishedAt,
              finishedAt,
            };
            container.restartCount++;
            container.startedAt = finishedAt;
            container.ready = false;
          } else {
            container.ready = true;
          }
          queue.add(key);
        }
        if (budget > perSecond) budget = perSecond; // nothing to churn: do not build up a burst
      }, tickMs);
      timer.unref();
      return { stop: () => clearInterval(timer) };
    },
    idle: () => queue.idle(),
    async stop(stopOptions) {
      if (stopped) return;
      stopped = true;
      clearInterval(leaseTimer);
      pods.stop();
      queue.stop();
      due.stop();
      await queue.idle();
      if (!stopOptions?.keepNodes) {
        for (const name of nodes) {
          await http.request('DELETE', `/api/v1/nodes/${name}`).catch(() => {});
          await http
            .request('DELETE', `/apis/coordination.k8s.io/v1/namespaces/${LEASE_NAMESPACE}/leases/${name}`)
            .catch(() => {});
        }
      }
      http.close();
    },
  };
}
