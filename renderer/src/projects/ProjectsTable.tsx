import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../shared/domain/cluster.ts';
import { VirtualTable, type Column, type SortState } from '../components/VirtualTable.tsx';
import { PullSecretBadge, TokenHealthBadge } from './StateBadges.tsx';

export function ProjectsTable({
  projects,
  sort,
  onSort,
  onOpen,
}: {
  projects: readonly Project[];
  sort: SortState;
  onSort: (column: string) => void;
  onOpen: (project: Project) => void;
}) {
  const { t } = useTranslation();
  const columns = useMemo<Column<Project>[]>(
    () => [
      {
        id: 'namespace',
        header: t('projects.columns.namespace'),
        sortable: true,
        cell: (p) => <span className="mono">{p.namespace}</span>,
      },
      { id: 'owner', header: t('projects.columns.owner'), sortable: true, cell: (p) => p.owner },
      {
        id: 'tokenHealth',
        header: t('projects.columns.tokenHealth'),
        sortable: true,
        cell: (p) => <TokenHealthBadge state={p.pullSecret.tokenHealth?.state} />,
      },
      {
        id: 'pullSecret',
        header: t('projects.columns.pullSecret'),
        sortable: true,
        cell: (p) => <PullSecretBadge state={p.pullSecret.state} />,
      },
      {
        id: 'pods',
        header: t('projects.columns.pods'),
        sortable: true,
        cell: (p) => (
          <span className={p.pods.ready < p.pods.total ? 'text-warn' : undefined}>
            {p.pods.ready}/{p.pods.total}
          </span>
        ),
      },
      {
        id: 'pullErrors',
        header: t('projects.columns.pullErrors'),
        sortable: true,
        cell: (p) => (
          <span className={p.pods.pullErrors > 0 ? 'text-bad strong' : 'text-muted'}>
            {p.pods.pullErrors}
          </span>
        ),
      },
    ],
    [t],
  );
  return (
    <VirtualTable
      label={t('projects.tableLabel')}
      className="projects-table"
      columns={columns}
      rows={projects}
      rowKey={(project) => project.namespace}
      onActivate={onOpen}
      sort={sort}
      onSort={onSort}
    />
  );
}
