import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../shared/contract/events.ts';
import type { PodCounts, Project } from '../../../shared/domain/cluster.ts';
import { createBrokenProjectsTracker } from './broken-projects-tracker.ts';
import { applicationMenuTemplate, type MenuItemSpec } from './menu-template.ts';
import { createPullErrorNotifier } from './pull-error-notifier.ts';
import { pullErrorNotification, shellLanguage, trayTooltip } from './shell-texts.ts';
import { DEFAULT_WINDOW_STATE, openWindowStateFile, visibleWindowState } from './window-state.ts';

const pods = (pullErrors: number): PodCounts => ({ total: 2, ready: 2 - pullErrors, pullErrors });

function project(namespace: string, pullErrors = 0): Project {
  return {
    namespace,
    owner: 'acme',
    owners: ['acme'],
    images: [`ghcr.io/acme/${namespace}:1`],
    workloads: [],
    pullSecret: { name: 'ghcr-secret', state: 'ok', otherRegistries: [] },
    flags: [],
    pods: pods(pullErrors),
  };
}

const reset = (context: string, projects: Project[]): AnyEvent => ({
  name: 'onProjectsChanged',
  payload: { kind: 'reset', context, projects },
});
const podChanges = (context: string, counts: Record<string, PodCounts>, sequence = 1): AnyEvent => ({
  name: 'onPodChanges',
  payload: { context, sequence, initial: false, projectPods: counts, upserted: [], removed: [], events: [] },
});

describe('broken projects tracker', () => {
  it('counts from resets, upserts and pod count changes of the current context', () => {
    const tracker = createBrokenProjectsTracker();
    expect(tracker.apply(reset('a', [project('p1'), project('p2', 1)]))).toBe(1);
    expect(tracker.apply(podChanges('a', { p1: pods(2) }))).toBe(2);
    expect(tracker.apply(podChanges('b', { p2: pods(0) }))).toBeUndefined();
    expect(
      tracker.apply({
        name: 'onProjectsChanged',
        payload: { kind: 'upsert', context: 'a', projects: [project('p1')], removed: ['p2'] },
      }),
    ).toBe(0);
    expect(tracker.count).toBe(0);
  });
});

describe('pull error notifier', () => {
  it('notifies when pods enter pull errors, not for projects already failing at start', () => {
    let now = 0;
    const notifier = createPullErrorNotifier({ cooldownMs: 1000, now: () => now });
    expect(notifier.apply(reset('a', [project('old', 3), project('p1')]))).toBeUndefined();
    expect(notifier.apply(podChanges('a', { old: pods(4) }))).toBeUndefined();
    expect(notifier.apply(podChanges('a', { p1: pods(1), p2: pods(2) }))).toEqual({
      namespaces: ['p1', 'p2'],
      pods: 3,
    });
    // recovers and fails again within the cooldown: quiet; after it: a notice again
    notifier.apply(podChanges('a', { p1: pods(0) }));
    expect(notifier.apply(podChanges('a', { p1: pods(1) }))).toBeUndefined();
    notifier.apply(podChanges('a', { p1: pods(0) }));
    now = 5000;
    expect(notifier.apply(podChanges('a', { p1: pods(1) }))).toEqual({ namespaces: ['p1'], pods: 1 });
  });
});

describe('shell texts', () => {
  it('follows the language setting, or the OS locale for "system"', () => {
    expect(shellLanguage('system', 'zh-CN')).toBe('zh-CN');
    expect(shellLanguage('system', 'de-DE')).toBe('en');
    expect(shellLanguage('en', 'zh-TW')).toBe('en');
    expect(trayTooltip('en', 1)).toBe('ghcr-desk — 1 broken project');
    expect(trayTooltip('zh-CN', 3)).toBe('ghcr-desk — 3 个项目有问题');
    expect(pullErrorNotification('en', { namespaces: ['a', 'b', 'c', 'd'], pods: 9 })).toEqual({
      title: 'Pull errors in 4 projects',
      body: 'a, b, c…. Open ghcr-desk to see why.',
    });
    expect(pullErrorNotification('zh-CN', { namespaces: ['project-x'], pods: 2 }).title).toBe(
      'project-x 出现镜像拉取错误',
    );
  });
});

describe('window state', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };

  it('keeps bounds that are on a display and drops a position on a display that is gone', () => {
    const saved = { x: 100, y: 50, width: 1200, height: 700, maximized: false };
    expect(visibleWindowState(saved, [screen])).toEqual(saved);
    expect(visibleWindowState({ ...saved, x: 3000 }, [screen])).toEqual({
      width: 1200,
      height: 700,
      maximized: false,
    });
    expect(visibleWindowState({ ...saved, width: 4000 }, [screen]).width).toBe(1920);
  });

  it('round-trips through its file and falls back to defaults on garbage', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'window-state-'));
    const file = openWindowStateFile(profile);
    expect(file.read()).toEqual(DEFAULT_WINDOW_STATE);
    await file.save({ x: 10, y: 20, width: 900, height: 600, maximized: true });
    expect(file.read()).toEqual({ x: 10, y: 20, width: 900, height: 600, maximized: true });
    await writeFile(join(profile, 'window-state.json'), '{"width": "wide"}');
    expect(file.read()).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('application menu', () => {
  const roles = (items: readonly MenuItemSpec[]): string[] =>
    items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);

  it('offers reload and devtools in development only', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const production = roles(applicationMenuTemplate({ development: false, platform }));
      expect(production).not.toContain('reload');
      expect(production).not.toContain('forceReload');
      expect(production).not.toContain('toggleDevTools');
      expect(production).toContain('editMenu');
      expect(roles(applicationMenuTemplate({ development: true, platform }))).toEqual(
        expect.arrayContaining(['reload', 'toggleDevTools']),
      );
    }
  });
});
