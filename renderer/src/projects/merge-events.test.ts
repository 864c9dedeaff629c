import { describe, expect, it } from 'vitest';
import type {
  PodChangeBatch,
  PodInfo,
  Project,
  ProjectDetail,
  ProjectList,
} from '../../../shared/domain/cluster.ts';
import { mergePodChangesIntoDetail, mergePodCountsIntoList } from './merge-pod-changes.ts';
import { mergeProjectsChange } from './merge-project-changes.ts';

function project(namespace: string, pullErrors = 0): Project {
  return {
    namespace,
    owner: 'acme',
    owners: ['acme'],
    images: [],
    workloads: [],
    pullSecret: { name: 'ghcr-secret', state: 'ok', otherRegistries: [] },
    flags: [],
    pods: { total: 2, ready: 2 - pullErrors, pullErrors },
  };
}

function pod(namespace: string, name: string, waitingReason?: string): PodInfo {
  return {
    namespace,
    name,
    phase: waitingReason ? 'Pending' : 'Running',
    ready: !waitingReason,
    readyContainers: waitingReason ? 0 : 1,
    totalContainers: 1,
    restarts: 0,
    ...(waitingReason ? { waitingReason } : {}),
    createdAt: '2026-12-01T00:00:00Z',
  };
}

const list: ProjectList = { context: 'k', projects: [project('a', 1), project('b')], listedAt: 'then' };
const batch = (change: Partial<PodChangeBatch>): PodChangeBatch => ({
  context: 'k',
  sequence: 1,
  initial: false,
  projectPods: {},
  upserted: [],
  removed: [],
  events: [],
  ...change,
});

describe('mergeProjectsChange', () => {
  it('replaces the list on reset, whatever was cached', () => {
    const reset = mergeProjectsChange(
      undefined,
      { kind: 'reset', context: 'k2', projects: [project('c')] },
      () => 'now',
    );
    expect(reset).toEqual({ context: 'k2', projects: [project('c')], listedAt: 'now' });
  });

  it('upserts and removes by namespace within the same context only', () => {
    const changed = mergeProjectsChange(list, {
      kind: 'upsert',
      context: 'k',
      projects: [project('a'), project('d')],
      removed: ['b'],
    });
    expect(changed?.projects.map((p) => [p.namespace, p.pods.pullErrors])).toEqual([
      ['a', 0],
      ['d', 0],
    ]);
    const other = mergeProjectsChange(list, {
      kind: 'upsert',
      context: 'x',
      projects: [project('z')],
      removed: [],
    });
    expect(other).toBe(list);
  });
});

describe('pod change batches', () => {
  it('update the counts in the list, and leave it untouched when nothing of it changed', () => {
    const next = mergePodCountsIntoList(
      list,
      batch({ projectPods: { a: { total: 2, ready: 2, pullErrors: 0 } } }),
    );
    expect(next?.projects[0]?.pods).toEqual({ total: 2, ready: 2, pullErrors: 0 });
    expect(next?.projects[1]).toBe(list.projects[1]);
    expect(
      mergePodCountsIntoList(list, batch({ projectPods: { zz: { total: 1, ready: 1, pullErrors: 0 } } })),
    ).toBe(list);
    expect(
      mergePodCountsIntoList(
        list,
        batch({ context: 'other', projectPods: { a: { total: 9, ready: 9, pullErrors: 0 } } }),
      ),
    ).toBe(list);
  });

  it('upsert, remove and add events to the detail of their namespace', () => {
    const event = (podName: string) => ({
      namespace: 'a',
      podName,
      reason: 'Failed',
      message: `pull of ${podName} refused`,
      count: 3,
      lastSeen: '2026-12-01T00:00:01Z',
    });
    const detail: ProjectDetail = {
      context: 'k',
      project: project('a', 1),
      pods: [pod('a', 'web-1', 'ImagePullBackOff'), pod('a', 'web-2')],
      events: [event('web-1')],
    };
    const next = mergePodChangesIntoDetail(
      detail,
      batch({
        projectPods: { a: { total: 2, ready: 1, pullErrors: 1 } },
        upserted: [pod('a', 'web-1'), pod('a', 'web-3', 'ErrImagePull'), pod('b', 'other')],
        removed: [{ namespace: 'a', name: 'web-2' }],
        events: [event('web-2'), event('web-3')],
      }),
    );
    expect(next?.pods.map((p) => [p.name, p.phase])).toEqual([
      ['web-1', 'Running'],
      ['web-3', 'Pending'],
    ]);
    expect(next?.project.pods.pullErrors).toBe(1);
    // web-1 runs now and web-2 is gone: their pull errors are history; web-3's is the current one.
    expect(next?.events.map((e) => e.podName)).toEqual(['web-3']);
    expect(mergePodChangesIntoDetail(detail, batch({ upserted: [pod('b', 'x')] }))).toBe(detail);
  });
  it('keeps kubelet’s several "Failed" Events of a pod apart, and counts a repeat on its own one', () => {
    const failed = (message: string, count: number, lastSeen: string) => ({
      namespace: 'a',
      podName: 'web-1',
      reason: 'Failed',
      message,
      count,
      lastSeen,
    });
    const detail: ProjectDetail = {
      context: 'k',
      project: project('a', 1),
      pods: [pod('a', 'web-1', 'ImagePullBackOff')],
      events: [
        failed('Failed to pull image: 403 Forbidden: denied', 2, '2026-12-01T00:00:02Z'),
        failed('Error: ErrImagePull', 2, '2026-12-01T00:00:02Z'),
        failed('Error: ImagePullBackOff', 1, '2026-12-01T00:00:03Z'),
      ],
    };
    const next = mergePodChangesIntoDetail(
      detail,
      batch({ events: [failed('Error: ImagePullBackOff', 2, '2026-12-01T00:00:09Z')] }),
    );
    expect(next?.events.map((e) => [e.message, e.count])).toEqual([
      ['Error: ImagePullBackOff', 2],
      ['Failed to pull image: 403 Forbidden: denied', 2],
      ['Error: ErrImagePull', 2],
    ]);
  });
});
