import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PodChangeBatch } from '../../../../shared/domain/cluster.ts';
import type { EventObject, PodObject } from '../kube-objects.ts';
import { createPodBatcher, type ObjectStore } from './pod-batcher.ts';

function store<T extends { metadata: { name: string; namespace?: string } }>() {
  const objects = new Map<string, T>();
  const id = (name: string, namespace = '') => `${namespace}/${name}`;
  const view: ObjectStore<T> = {
    get: (name, namespace) => objects.get(id(name, namespace)),
    list: (namespace) =>
      [...objects.values()].filter((o) => !namespace || o.metadata.namespace === namespace),
  };
  return {
    view,
    put: (object: T) => objects.set(id(object.metadata.name, object.metadata.namespace), object),
    remove: (name: string, namespace: string) => objects.delete(id(name, namespace)),
  };
}

function pod(
  namespace: string,
  name: string,
  state: 'pulling-failed' | 'running',
  rv = '1',
  restarts = 0,
): PodObject {
  const running = state === 'running';
  return {
    metadata: {
      namespace,
      name,
      resourceVersion: rv,
      labels: { 'pod-template-hash': '5d8f' },
      ownerReferences: [{ kind: 'ReplicaSet', name: 'web-5d8f', controller: true }],
      creationTimestamp: '2026-12-03T10:00:00Z',
    },
    spec: { containers: [{ name: 'web', image: 'ghcr.io/alice/web:1' }] },
    status: {
      phase: running ? 'Running' : 'Pending',
      conditions: [{ type: 'Ready', status: running ? 'True' : 'False' }],
      containerStatuses: [
        {
          name: 'web',
          ready: running,
          restartCount: restarts,
          state: running
            ? { running: { startedAt: '2026-12-03T10:01:00Z' } }
            : { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } },
        },
      ],
    },
  };
}

const warning = (namespace: string, podName: string): EventObject => ({
  metadata: { namespace, name: `${podName}.1` },
  type: 'Warning',
  reason: 'Failed',
  message: 'failed to pull: 403 Forbidden: DENIED',
  count: 3,
  lastTimestamp: '2026-12-03T10:02:00Z',
  involvedObject: { kind: 'Pod', name: podName, namespace },
});

describe('pod batcher', () => {
  let batches: PodChangeBatch[];
  let pods: ReturnType<typeof store<PodObject>>;
  let events: ReturnType<typeof store<EventObject>>;
  let projects: Set<string>;

  beforeEach(() => {
    vi.useFakeTimers();
    batches = [];
    pods = store<PodObject>();
    events = store<EventObject>();
    projects = new Set(['project-a', 'project-b']);
  });
  afterEach(() => vi.useRealTimers());

  const batcher = () =>
    createPodBatcher({
      context: 'ctx',
      pods: pods.view,
      events: events.view,
      projectNamespaces: () => projects,
      emit: (batch) => batches.push(batch),
    });

  it('sends nothing before the first LIST, then counts of every project namespace and no pods', async () => {
    const monitor = batcher();
    pods.put(pod('project-a', 'web-5d8f-1', 'pulling-failed'));
    pods.put(pod('kube-system', 'dns', 'running'));
    monitor.podChanged('project-a', 'web-5d8f-1');
    await vi.advanceTimersByTimeAsync(500);
    expect(batches).toEqual([]);
    expect(monitor.counts('project-a')).toBeUndefined();

    monitor.listed('pods');
    expect(batches).toEqual([
      {
        context: 'ctx',
        sequence: 1,
        initial: true,
        projectPods: {
          'project-a': { total: 1, ready: 0, pullErrors: 1 },
          'project-b': { total: 0, ready: 0, pullErrors: 0 },
        },
        upserted: [],
        removed: [],
        events: [],
      },
    ]);
    await vi.advanceTimersByTimeAsync(500);
    expect(batches).toHaveLength(1); // what the LIST delivered is the starting point, not news
    expect(monitor.counts('project-a')).toEqual({ total: 1, ready: 0, pullErrors: 1 });
  });

  it('sends only what changed: the pod and its namespace counts, never other namespaces or no-op updates', async () => {
    const monitor = batcher();
    monitor.listed('pods');
    monitor.listed('events');
    pods.put(pod('project-a', 'web-5d8f-1', 'running'));
    monitor.podChanged('project-a', 'web-5d8f-1');
    pods.put(pod('kube-system', 'dns', 'running'));
    monitor.podChanged('kube-system', 'dns');
    await vi.advanceTimersByTimeAsync(200);
    expect(batches).toHaveLength(2);
    expect(batches[1]).toMatchObject({
      sequence: 2,
      initial: false,
      projectPods: { 'project-a': { total: 1, ready: 1, pullErrors: 0 } },
      upserted: [
        {
          namespace: 'project-a',
          name: 'web-5d8f-1',
          phase: 'Running',
          ready: true,
          workload: { kind: 'Deployment', name: 'web' },
        },
      ],
      removed: [],
    });

    // A new resourceVersion with nothing the panel shows changed (e.g. a relist): no batch.
    pods.put(pod('project-a', 'web-5d8f-1', 'running', '2'));
    monitor.podChanged('project-a', 'web-5d8f-1');
    await vi.advanceTimersByTimeAsync(200);
    expect(batches).toHaveLength(2);

    pods.remove('web-5d8f-1', 'project-a');
    monitor.podChanged('project-a', 'web-5d8f-1');
    await vi.advanceTimersByTimeAsync(200);
    expect(batches[2]).toMatchObject({
      sequence: 3,
      projectPods: { 'project-a': { total: 0, ready: 0, pullErrors: 0 } },
      upserted: [],
      removed: [{ namespace: 'project-a', name: 'web-5d8f-1' }],
    });
  });

  it('folds a burst into one batch per interval, with the latest state of each pod', async () => {
    const emittedAt: number[] = [];
    const monitorTimes = createPodBatcher({
      context: 'ctx',
      pods: pods.view,
      events: events.view,
      projectNamespaces: () => projects,
      emit: (batch) => {
        batches.push(batch);
        emittedAt.push(Date.now()); // the fake clock
      },
    });
    monitorTimes.listed('pods');
    for (let tick = 0; tick < 50; tick++) {
      pods.put(pod('project-a', 'web-5d8f-1', 'running', String(tick), tick));
      monitorTimes.podChanged('project-a', 'web-5d8f-1');
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(200);
    // 500 ms of changes every 10 ms (fake clock): about five batches, never two within 100 ms.
    expect(batches.length - 1).toBeLessThanOrEqual(6);
    expect(batches.length - 1).toBeGreaterThanOrEqual(4);
    const gaps = emittedAt.slice(2).map((at, i) => at - (emittedAt[i + 1] ?? 0)); // [0]: the initial batch
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
    const last = batches.at(-1);
    expect(last?.upserted.map((p) => p.restarts)).toEqual([49]); // the last tick's state
    expect(last?.sequence).toBe(batches.length);
  });

  it('forwards Warning Events about project pods once the events LIST is in', async () => {
    const monitor = batcher();
    monitor.listed('pods');
    events.put(warning('project-a', 'web-5d8f-1'));
    monitor.eventChanged('project-a', 'web-5d8f-1.1'); // part of the first events LIST
    monitor.listed('events');
    await vi.advanceTimersByTimeAsync(200);
    expect(batches).toHaveLength(1);

    events.put(warning('project-b', 'api-1'));
    monitor.eventChanged('project-b', 'api-1.1');
    events.put(warning('elsewhere', 'x'));
    monitor.eventChanged('elsewhere', 'x.1');
    await vi.advanceTimersByTimeAsync(200);
    expect(batches[1]?.events).toEqual([
      {
        namespace: 'project-b',
        podName: 'api-1',
        reason: 'Failed',
        message: 'failed to pull: 403 Forbidden: DENIED',
        count: 3,
        lastSeen: '2026-12-03T10:02:00Z',
      },
    ]);
  });

  it('a namespace that becomes a project joins without a restart; stop ends the batches', async () => {
    const monitor = batcher();
    monitor.listed('pods');
    projects.add('project-c');
    pods.put(pod('project-c', 'web-5d8f-9', 'pulling-failed'));
    monitor.podChanged('project-c', 'web-5d8f-9');
    await vi.advanceTimersByTimeAsync(200);
    expect(batches[1]?.projectPods).toEqual({ 'project-c': { total: 1, ready: 0, pullErrors: 1 } });

    monitor.stop();
    pods.put(pod('project-c', 'web-5d8f-9', 'running'));
    monitor.podChanged('project-c', 'web-5d8f-9');
    await vi.advanceTimersByTimeAsync(200);
    expect(batches).toHaveLength(2);
  });
});
