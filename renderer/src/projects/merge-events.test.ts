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
    const detail: ProjectDetail = {
      context: 'k',
      project: project('a', 1),
      pods: [pod('a', 'web-1', 'ImagePullBackOff'), pod('a', 'web-2')],
      events: [],
    };
    const next = mergePodChangesIntoDetail(
      detail,
      batch({
        projectPods: { a: { total: 2, ready: 2, pullErrors: 0 } },
        upserted: [pod('a', 'web-1'), pod('b', 'other')],
        removed: [{ namespace: 'a', name: 'web-2' }],
        events: [
          {
            namespace: 'a',
            podName: 'web-1',
            reason: 'Failed',
            message: 'm',
            count: 3,
            lastSeen: '2026-12-01T00:00:01Z',
          },
        ],
      }),
    );
    expect(next?.pods.map((p) => [p.name, p.phase])).toEqual([['web-1', 'Running']]);
    expect(next?.project.pods.pullErrors).toBe(0);
    expect(next?.events).toHaveLength(1);
    expect(mergePodChangesIntoDetail(detail, batch({ upserted: [pod('b', 'x')] }))).toBe(detail);
  });
});
