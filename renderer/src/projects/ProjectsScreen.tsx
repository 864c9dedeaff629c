import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccounts } from '../accounts/use-accounts.ts';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { QueryView } from '../components/QueryView.tsx';
import { navigate, projectHref, replaceRoute, routeHref } from '../shell/routes.ts';
import { ScreenHeader } from '../shell/ScreenHeader.tsx';
import {
  filterProjects,
  filtersFromParams,
  filtersToParams,
  nextSort,
  sortProjects,
  STATE_FILTERS,
  type ProjectFilters,
} from './project-filters.ts';
import { projectKeys } from './project-keys.ts';
import { ProjectsBanner } from './ProjectsBanner.tsx';
import { ProjectsTable } from './ProjectsTable.tsx';
import { summariseBroken } from './summarise-broken.ts';
import { useProjects } from './use-projects.ts';

export function ProjectsScreen({ params }: { params: URLSearchParams }) {
  const { t } = useTranslation();
  const client = useDesk();
  const queryClient = useQueryClient();
  const projects = useProjects();
  const accounts = useAccounts();
  const filters = filtersFromParams(params);
  const deferred = useDeferredValue(filters);
  const refresh = useMutation({
    mutationFn: () => callOrThrow(client, 'projects.refresh', {}),
    onSuccess: (list) => queryClient.setQueryData(projectKeys.list(), list),
  });
  const setFilters = (change: Partial<ProjectFilters>) =>
    replaceRoute(routeHref('projects', filtersToParams({ ...filters, ...change })));

  const all = projects.data?.projects;
  const owners = useMemo(() => [...new Set(all?.flatMap((project) => project.owners))].sort(), [all]);
  const visible = useMemo(
    () =>
      all
        ? sortProjects(filterProjects(all, deferred), {
            column: deferred.sort,
            direction: deferred.direction,
          })
        : [],
    [all, deferred],
  );
  const summary = useMemo(
    () => (all ? summariseBroken(all, accounts.data) : undefined),
    [all, accounts.data],
  );
  const filtered = filters.q !== '' || filters.state !== 'all' || filters.owner !== '';

  return (
    <section className="screen screen-fill">
      <ScreenHeader title={t('projects.title')}>
        <button
          type="button"
          onClick={() => refresh.mutate()}
          disabled={refresh.isPending || projects.isPending}
        >
          {refresh.isPending ? t('projects.refreshing') : t('projects.refresh')}
        </button>
      </ScreenHeader>
      {refresh.isError && <ErrorNotice error={refresh.error} onRetry={() => refresh.mutate()} />}
      <QueryView
        query={projects}
        loadingLabel={t('projects.loading')}
        isEmpty={(list) => list.projects.length === 0}
        empty={
          <div className="empty">
            <p>{t('projects.empty', { kubeContext: projects.data?.context ?? '' })}</p>
            <p className="text-muted">{t('projects.emptyHint')}</p>
          </div>
        }
      >
        {(list) => (
          <>
            {summary && <ProjectsBanner summary={summary} />}
            <div className="toolbar" role="search">
              <label className="field field-grow">
                <span>{t('projects.searchLabel')}</span>
                <input
                  type="search"
                  data-shortcut="search"
                  aria-keyshortcuts="/"
                  placeholder={t('projects.searchPlaceholder')}
                  value={filters.q}
                  onChange={(event) => setFilters({ q: event.target.value })}
                />
              </label>
              <label className="field">
                <span>{t('projects.stateFilter')}</span>
                <select
                  value={filters.state}
                  onChange={(event) => setFilters({ state: event.target.value as ProjectFilters['state'] })}
                >
                  {STATE_FILTERS.map((state) => (
                    <option key={state} value={state}>
                      {t(`projects.states.${state}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('projects.ownerFilter')}</span>
                <select value={filters.owner} onChange={(event) => setFilters({ owner: event.target.value })}>
                  <option value="">{t('projects.allOwners')}</option>
                  {owners.map((owner) => (
                    <option key={owner} value={owner}>
                      {owner}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="toolbar-info">
              <span role="status" aria-live="polite">
                {t('projects.count', { shown: visible.length, total: list.projects.length })}
              </span>
              {filtered && visible.length > 0 && (
                <a
                  href={routeHref('resync', {
                    scope: 'filtered',
                    ...Object.fromEntries(filtersToParams(filters)),
                  })}
                >
                  {t('projects.resyncShown', { count: visible.length })}
                </a>
              )}
            </div>
            {visible.length === 0 ? (
              <div className="empty">
                <p>{t('projects.noMatch')}</p>
                <button type="button" onClick={() => replaceRoute(routeHref('projects'))}>
                  {t('projects.clearFilters')}
                </button>
              </div>
            ) : (
              <ProjectsTable
                projects={visible}
                sort={{ column: filters.sort, direction: filters.direction }}
                onSort={(column) => setFilters(nextSort(filters, column))}
                onOpen={(project) => navigate(projectHref(project.namespace))}
              />
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}
