import type { Project, PullSecretState } from '../../../shared/domain/cluster.ts';
import type { TokenHealthState } from '../../../shared/domain/github.ts';
import { isProjectBroken } from '../../../shared/domain/project-health.ts';
import type { SortState } from '../components/VirtualTable.tsx';

export const STATE_FILTERS = ['all', 'broken', 'pull-errors', 'healthy'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export const SORT_COLUMNS = [
  'namespace',
  'owner',
  'tokenHealth',
  'pullSecret',
  'pods',
  'pullErrors',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface ProjectFilters {
  readonly q: string;
  readonly state: StateFilter;
  readonly owner: string;
  readonly sort: SortColumn;
  readonly direction: 'asc' | 'desc';
}

export const DEFAULT_FILTERS: ProjectFilters = {
  q: '',
  state: 'all',
  owner: '',
  sort: 'namespace',
  direction: 'asc',
};

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T =>
  values.find((candidate) => candidate === value) ?? fallback;

/** Filters live in the route (`#/projects?state=broken&owner=acme&q=web`), so Re-sync can reuse them. */
export function filtersFromParams(params: URLSearchParams): ProjectFilters {
  return {
    q: params.get('q') ?? '',
    state: oneOf(STATE_FILTERS, params.get('state'), 'all'),
    owner: params.get('owner') ?? '',
    sort: oneOf(SORT_COLUMNS, params.get('sort'), 'namespace'),
    direction: params.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

export function filtersToParams(filters: ProjectFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.state !== 'all') params.set('state', filters.state);
  if (filters.owner) params.set('owner', filters.owner);
  if (filters.sort !== 'namespace') params.set('sort', filters.sort);
  if (filters.direction === 'desc') params.set('dir', 'desc');
  return params;
}

function matchesState(project: Project, state: StateFilter): boolean {
  switch (state) {
    case 'all':
      return true;
    case 'broken':
      return isProjectBroken(project);
    case 'healthy':
      return !isProjectBroken(project);
    case 'pull-errors':
      return project.pods.pullErrors > 0;
  }
}

export function filterProjects(projects: readonly Project[], filters: ProjectFilters): Project[] {
  const needle = filters.q.trim().toLowerCase();
  return projects.filter(
    (project) =>
      matchesState(project, filters.state) &&
      (!filters.owner || project.owners.includes(filters.owner)) &&
      (!needle ||
        project.namespace.toLowerCase().includes(needle) ||
        project.owner.toLowerCase().includes(needle) ||
        project.images.some((image) => image.toLowerCase().includes(needle))),
  );
}

/** Worst first, so sorting by a state column ascending brings the trouble to the top. */
const HEALTH_RANK: Record<TokenHealthState, number> = {
  revoked: 0,
  'missing-scopes': 1,
  'not-classic': 2,
  'rate-limited': 3,
  unknown: 4,
  ok: 5,
};
const SECRET_RANK: Record<PullSecretState, number> = {
  'wrong-type': 0,
  malformed: 1,
  missing: 2,
  foreign: 3,
  stale: 4,
  unreferenced: 5,
  ok: 6,
};

const KEYS: Record<SortColumn, (project: Project) => number | string> = {
  namespace: (project) => project.namespace,
  owner: (project) => project.owner,
  tokenHealth: (project) => HEALTH_RANK[project.pullSecret.tokenHealth?.state ?? 'unknown'],
  pullSecret: (project) => SECRET_RANK[project.pullSecret.state],
  pods: (project) => (project.pods.total === 0 ? 1 : project.pods.ready / project.pods.total),
  pullErrors: (project) => project.pods.pullErrors,
};

export function sortProjects(projects: readonly Project[], sort: SortState): Project[] {
  const key = KEYS[oneOf(SORT_COLUMNS, sort.column, 'namespace')];
  const factor = sort.direction === 'asc' ? 1 : -1;
  return [...projects].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const primary =
      typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return primary !== 0 ? primary * factor : a.namespace.localeCompare(b.namespace);
  });
}

/** Header click: the same column flips direction, another column starts ascending. */
export function nextSort(
  filters: ProjectFilters,
  column: string,
): Pick<ProjectFilters, 'sort' | 'direction'> {
  const sort = oneOf(SORT_COLUMNS, column, 'namespace');
  if (sort === filters.sort) return { sort, direction: filters.direction === 'asc' ? 'desc' : 'asc' };
  return { sort, direction: 'asc' };
}
