import { describe, expect, it } from 'vitest';
import type { Project } from '../../../shared/domain/cluster.ts';
import type { Account } from '../../../shared/domain/github.ts';
import {
  DEFAULT_FILTERS,
  filterProjects,
  filtersFromParams,
  filtersToParams,
  nextSort,
  sortProjects,
} from './project-filters.ts';
import { summariseBroken } from './summarise-broken.ts';

function project(namespace: string, owner: string, change: Partial<Project> = {}): Project {
  return {
    namespace,
    owner,
    owners: [owner],
    images: [`ghcr.io/${owner}/${namespace}:1`],
    workloads: [],
    pullSecret: { name: 'ghcr-secret', state: 'ok', otherRegistries: [] },
    flags: [],
    pods: { total: 1, ready: 1, pullErrors: 0 },
    ...change,
  };
}

const revoked = { state: 'revoked', scopes: [], missingScopes: [], checkedAt: 'x' } as const;
const revokedSecret = { name: 's', state: 'ok', otherRegistries: [], tokenHealth: revoked } as const;
const projects = [
  project('p-ok', 'acme'),
  project('p-pull', 'acme', { pods: { total: 2, ready: 0, pullErrors: 2 } }),
  project('p-missing', 'beta', { pullSecret: { name: 's', state: 'missing', otherRegistries: [] } }),
  project('p-revoked-1', 'gamma', {
    pullSecret: { name: 's', state: 'ok', otherRegistries: [], tokenHealth: revoked },
  }),
  project('p-revoked-2', 'gamma', {
    pullSecret: { name: 's', state: 'ok', otherRegistries: [], tokenHealth: revoked },
  }),
];

describe('project filters', () => {
  it('round-trip through the route, defaults left out', () => {
    const filters = {
      ...DEFAULT_FILTERS,
      q: 'web',
      state: 'broken' as const,
      sort: 'pullErrors' as const,
      direction: 'desc' as const,
    };
    expect(filtersToParams(filters).toString()).toBe('q=web&state=broken&sort=pullErrors&dir=desc');
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
    expect(filtersFromParams(new URLSearchParams('state=bogus&sort=nope'))).toEqual(DEFAULT_FILTERS);
  });

  it('filter by state, owner and text (namespace, owner, image)', () => {
    const names = (filters: Partial<typeof DEFAULT_FILTERS>) =>
      filterProjects(projects, { ...DEFAULT_FILTERS, ...filters }).map((p) => p.namespace);
    expect(names({ state: 'broken' })).toEqual(['p-pull', 'p-missing', 'p-revoked-1', 'p-revoked-2']);
    expect(names({ state: 'healthy' })).toEqual(['p-ok']);
    expect(names({ state: 'pull-errors' })).toEqual(['p-pull']);
    expect(names({ owner: 'gamma' })).toEqual(['p-revoked-1', 'p-revoked-2']);
    expect(names({ q: 'GHCR.IO/BETA' })).toEqual(['p-missing']);
  });

  it('sort worst first on state columns, namespace breaking ties; a header click flips direction', () => {
    expect(sortProjects(projects, { column: 'pullSecret', direction: 'asc' })[0]?.namespace).toBe(
      'p-missing',
    );
    expect(
      sortProjects(projects, { column: 'tokenHealth', direction: 'asc' })
        .map((p) => p.namespace)
        .slice(0, 2),
    ).toEqual(['p-revoked-1', 'p-revoked-2']);
    expect(sortProjects(projects, { column: 'pullErrors', direction: 'desc' })[0]?.namespace).toBe('p-pull');
    expect(nextSort(DEFAULT_FILTERS, 'namespace')).toEqual({ sort: 'namespace', direction: 'desc' });
    expect(nextSort(DEFAULT_FILTERS, 'owner')).toEqual({ sort: 'owner', direction: 'asc' });
  });
});

describe('summariseBroken', () => {
  it('counts problems and offers the single fix that repairs most', () => {
    const summary = summariseBroken(projects);
    expect(summary).toMatchObject({
      total: 5,
      broken: 4,
      problems: { 'pull-errors': 1, 'secret-missing': 1, 'token-revoked': 2 },
    });
    // two re-syncable (pull errors, missing secret) vs two of gamma's: a tie goes to the re-sync
    expect(summary.fix).toEqual({ kind: 'resync', namespaces: ['p-pull', 'p-missing'] });
    const gammaHeavy = [...projects, project('p-revoked-3', 'gamma', { pullSecret: revokedSecret })];
    expect(summariseBroken(gammaHeavy).fix).toEqual({
      kind: 'reconnect',
      owner: 'gamma',
      host: undefined,
      fixes: 3,
    });
  });

  it('counts a revoked secret as re-syncable when the keychain already holds a good token for the owner', () => {
    const gamma = { login: 'gamma', host: 'github.com', health: { state: 'ok' } } as Account;
    expect(summariseBroken(projects, [gamma]).fix).toEqual({
      kind: 'resync',
      namespaces: ['p-pull', 'p-missing', 'p-revoked-1', 'p-revoked-2'],
    });
    expect(summariseBroken([project('x', 'a')])).toEqual({ total: 1, broken: 0, problems: {} });
  });
});
