import type { ImageReference } from './image-reference.ts';

/** What the simulated kubelet knows about one container. */
export interface ContainerRecord {
  readonly name: string;
  /** As written in the pod spec. */
  readonly image: string;
  /** Undefined: the reference does not parse (InvalidImageName). */
  readonly ref: ImageReference | undefined;
  state: 'new' | 'running' | 'pull-failed' | 'back-off' | 'invalid';
  ready: boolean;
  restartCount: number;
  /** Consecutive failed pulls (kubelet's back-off counter). */
  failures: number;
  /** The last pull error (containerd's words, with the registry's refusal). */
  message: string;
  nextPullAt: number;
  showBackOffAt: number;
  startedAt?: string;
  imageID?: string;
  containerID?: string;
  lastTerminated?: {
    readonly exitCode: number;
    readonly reason: string;
    readonly startedAt: string;
    readonly finishedAt: string;
  };
}

export interface PodRecord {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  readonly hostIP: string;
  readonly podIP: string;
  readonly startTime: string;
  readonly containers: ContainerRecord[];
  /** Condition type → [status, lastTransitionTime], so transition times only move when a status does. */
  readonly conditionSince: Map<string, [string, string]>;
}

type Status = Record<string, unknown>;

/** The image with kubelet's default tag applied, as its events and messages name it. */
export function imageWithDefaultTag(image: string, ref: ImageReference | undefined): string {
  return ref && !ref.digest && !/:[\w][\w.-]*$/.test(image.slice(image.lastIndexOf('/') + 1))
    ? `${image}:latest`
    : image;
}

function containerStatus(c: ContainerRecord): Status {
  const base = { name: c.name, restartCount: c.restartCount };
  const lastState = c.lastTerminated ? { terminated: { ...c.lastTerminated } } : {};
  if (c.state === 'running') {
    return {
      ...base,
      image: c.ref?.normalized ?? c.image,
      imageID: c.imageID ?? '',
      containerID: c.containerID,
      ready: c.ready,
      started: true,
      state: { running: { startedAt: c.startedAt } },
      lastState,
    };
  }
  let waiting: { reason: string; message?: string };
  const shown = imageWithDefaultTag(c.image, c.ref);
  switch (c.state) {
    case 'invalid':
      waiting = {
        reason: 'InvalidImageName',
        message: `Failed to apply default image tag "${c.image}": couldn't parse image name "${c.image}": invalid reference format`,
      };
      break;
    case 'pull-failed':
      waiting = { reason: 'ErrImagePull', message: c.message };
      break;
    case 'back-off':
      waiting = {
        reason: 'ImagePullBackOff',
        message: `Back-off pulling image "${shown}": ErrImagePull: ${c.message}`,
      };
      break;
    default:
      waiting = { reason: 'ContainerCreating' };
  }
  return {
    ...base,
    image: c.image,
    imageID: '',
    ready: false,
    started: false,
    state: { waiting },
    lastState,
  };
}

/** The pod status kubelet would report for `record` (merge-patched as a whole into `status`). */
export function buildPodStatus(record: PodRecord, now: string): Status {
  // kubelet's getPhase: a container waiting that never ran keeps the pod Pending.
  const neverStarted = record.containers.some((c) => c.state !== 'running' && !c.lastTerminated);
  const unready = record.containers.filter((c) => !(c.state === 'running' && c.ready)).map((c) => c.name);
  const condition = (type: string, ok: boolean, reason?: string, message?: string) => {
    const status = ok ? 'True' : 'False';
    const since = record.conditionSince.get(type);
    const lastTransitionTime = since && since[0] === status ? since[1] : now;
    record.conditionSince.set(type, [status, lastTransitionTime]);
    return {
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    };
  };
  const notReady = unready.length > 0 ? `containers with unready status: [${unready.join(' ')}]` : undefined;
  return {
    phase: neverStarted ? 'Pending' : 'Running',
    conditions: [
      condition('PodReadyToStartContainers', true),
      condition('Initialized', true),
      condition('Ready', !notReady, notReady && 'ContainersNotReady', notReady),
      condition('ContainersReady', !notReady, notReady && 'ContainersNotReady', notReady),
      condition('PodScheduled', true),
    ],
    hostIP: record.hostIP,
    hostIPs: [{ ip: record.hostIP }],
    podIP: record.podIP,
    podIPs: [{ ip: record.podIP }],
    startTime: record.startTime,
    containerStatuses: record.containers.map(containerStatus),
  };
}

/** What matters in a status, to skip writes that would change nothing. */
export function statusSignature(status: unknown): string {
  const s = (status ?? {}) as {
    phase?: string;
    podIP?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: {
      name: string;
      ready: boolean;
      restartCount: number;
      imageID?: string;
      state?: Record<string, { reason?: string; message?: string; startedAt?: string }>;
    }[];
  };
  return JSON.stringify([
    s.phase,
    s.podIP,
    (s.conditions ?? []).map((c) => `${c.type}=${c.status}`).sort(),
    (s.containerStatuses ?? []).map((c) => {
      const [kind = '', detail = {}] = Object.entries(c.state ?? {})[0] ?? [];
      return [
        c.name,
        c.ready,
        c.restartCount,
        c.imageID ?? '',
        kind,
        detail.reason ?? '',
        detail.message ?? '',
        detail.startedAt ?? '',
      ];
    }),
  ]);
}
