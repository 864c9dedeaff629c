import { describe, expect, it } from 'vitest';
import { parseImageReference } from './image-reference.ts';
import {
  buildPodStatus,
  imageWithDefaultTag,
  statusSignature,
  type ContainerRecord,
  type PodRecord,
} from './pod-status.ts';

function record(containers: Partial<ContainerRecord>[]): PodRecord {
  return {
    uid: 'u',
    namespace: 'ns',
    name: 'web',
    node: 'node-1',
    hostIP: '10.89.0.1',
    podIP: '10.100.0.1',
    startTime: '2026-01-01T00:00:00Z',
    conditionSince: new Map(),
    containers: containers.map((c, i) => ({
      name: `c${i}`,
      image: 'ghcr.io/acme/web:1',
      ref: parseImageReference('ghcr.io/acme/web:1'),
      state: 'new',
      ready: false,
      restartCount: 0,
      failures: 0,
      message: '',
      nextPullAt: 0,
      showBackOffAt: 0,
      ...c,
    })),
  };
}

describe('buildPodStatus', () => {
  it('is Running and Ready only when every container runs and is ready', () => {
    const running = {
      state: 'running',
      ready: true,
      startedAt: '2026-01-01T00:00:01Z',
      imageID: 'x',
    } as const;
    const ok = buildPodStatus(record([running, running]), 'now');
    expect(ok['phase']).toBe('Running');
    expect(ok['conditions']).toContainEqual(expect.objectContaining({ type: 'Ready', status: 'True' }));

    const mixed = buildPodStatus(record([running, { state: 'back-off', message: 'denied' }]), 'now');
    expect(mixed['phase']).toBe('Pending');
    expect(mixed['conditions']).toContainEqual(
      expect.objectContaining({
        type: 'Ready',
        status: 'False',
        message: 'containers with unready status: [c1]',
      }),
    );
  });

  it('reports kubelet waiting reasons with the pull error', () => {
    const status = buildPodStatus(
      record([
        { state: 'pull-failed', message: 'boom' },
        { state: 'back-off', message: 'boom' },
      ]),
      'now',
    );
    const waiting = (status['containerStatuses'] as { state: { waiting: unknown } }[]).map(
      (c) => c.state.waiting,
    );
    expect(waiting).toEqual([
      { reason: 'ErrImagePull', message: 'boom' },
      {
        reason: 'ImagePullBackOff',
        message: 'Back-off pulling image "ghcr.io/acme/web:1": ErrImagePull: boom',
      },
    ]);
  });

  it('keeps a condition transition time until its status changes', () => {
    const pod = record([{ state: 'back-off', message: 'x' }]);
    const ready = (s: Record<string, unknown>) =>
      (s['conditions'] as { type: string; lastTransitionTime: string }[]).find((c) => c.type === 'Ready');
    expect(ready(buildPodStatus(pod, 't1'))?.lastTransitionTime).toBe('t1');
    expect(ready(buildPodStatus(pod, 't2'))?.lastTransitionTime).toBe('t1');
    Object.assign(pod.containers[0] as ContainerRecord, { state: 'running', ready: true });
    expect(ready(buildPodStatus(pod, 't3'))?.lastTransitionTime).toBe('t3');
  });
});

describe('statusSignature', () => {
  it('changes with what a watcher sees, not with transition times', () => {
    const pod = record([{ state: 'back-off', message: 'x' }]);
    const a = statusSignature(buildPodStatus(pod, 't1'));
    expect(statusSignature(buildPodStatus(pod, 't2'))).toBe(a);
    (pod.containers[0] as ContainerRecord).message = 'y';
    expect(statusSignature(buildPodStatus(pod, 't2'))).not.toBe(a);
  });
});

describe('imageWithDefaultTag', () => {
  it('adds :latest like kubelet, and only when there is no tag or digest', () => {
    expect(imageWithDefaultTag('nginx', parseImageReference('nginx'))).toBe('nginx:latest');
    expect(imageWithDefaultTag('127.0.0.1:5000/a/b', parseImageReference('127.0.0.1:5000/a/b'))).toBe(
      '127.0.0.1:5000/a/b:latest',
    );
    expect(imageWithDefaultTag('ghcr.io/a/b:1', parseImageReference('ghcr.io/a/b:1'))).toBe('ghcr.io/a/b:1');
  });
});
