import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunItemOutcome, RunItemResult } from '../../../shared/domain/resync.ts';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { Badge, type Tone } from '../components/Badge.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { QueryView } from '../components/QueryView.tsx';
import { VirtualTable, type Column } from '../components/VirtualTable.tsx';
import { RestartResults } from '../projects/RestartResults.tsx';
import { navigate, routeHref } from '../shell/routes.ts';
import { resyncKeys } from './resync-keys.ts';
import { RunProgressBar } from './RunProgressBar.tsx';

const OUTCOME_TONE: Record<RunItemOutcome, Tone> = {
  created: 'ok',
  updated: 'ok',
  recreated: 'ok',
  unchanged: 'neutral',
  skipped: 'warn',
  failed: 'bad',
  cancelled: 'neutral',
};

/** Steps 3 and 4: the progress bar while it runs (cancellable), then the results with reasons and a retry. */
export function RunView({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const client = useDesk();
  const [failedOnly, setFailedOnly] = useState(false);
  const status = useQuery({
    queryKey: resyncKeys.run(runId),
    queryFn: () => callOrThrow(client, 'resync.status', { runId }),
    staleTime: Infinity, // onRunProgress keeps it current; the end of the run refetches the report
  });
  const cancel = useMutation({ mutationFn: () => callOrThrow(client, 'resync.cancel', { runId }) });
  const retry = useMutation({
    mutationFn: () => callOrThrow(client, 'resync.retryFailed', { runId }),
    onSuccess: (progress) => navigate(routeHref('resync', { run: progress.runId })),
  });
  const columns = useMemo<Column<RunItemResult>[]>(
    () => [
      {
        id: 'namespace',
        header: t('resync.columns.namespace'),
        cell: (item) => <span className="mono">{item.namespace}</span>,
      },
      {
        id: 'outcome',
        header: t('resync.columns.outcome'),
        cell: (item) => <Badge tone={OUTCOME_TONE[item.outcome]}>{t(`outcome.${item.outcome}`)}</Badge>,
      },
      { id: 'attempts', header: t('resync.columns.attempts'), cell: (item) => item.attempts },
      {
        id: 'reason',
        header: t('resync.columns.reason'),
        cell: (item) => (
          <span className="ellipsis" title={item.reason}>
            {item.reason ?? ''}
          </span>
        ),
      },
    ],
    [t],
  );

  return (
    <QueryView query={status} loadingLabel={t('resync.loadingRun')}>
      {({ progress, report }) => {
        const running = progress.state === 'running' || progress.state === 'cancelling';
        const failed = report?.items.filter((item) => item.outcome === 'failed') ?? [];
        return (
          <section aria-label={t('resync.runLabel')}>
            <p role="status" className="strong">
              {t(`resync.runState.${progress.state}`)}
            </p>
            <RunProgressBar progress={progress} />
            {running && (
              <button
                type="button"
                onClick={() => cancel.mutate()}
                disabled={cancel.isPending || progress.state === 'cancelling'}
              >
                {t('resync.cancelRun')}
              </button>
            )}
            {cancel.isError && <ErrorNotice error={cancel.error} />}
            {report && (
              <>
                <h2>{t('resync.results')}</h2>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={failedOnly}
                    onChange={(event) => setFailedOnly(event.target.checked)}
                  />
                  {t('resync.failedOnly', { count: failed.length })}
                </label>
                <VirtualTable
                  label={t('resync.results')}
                  className="results-table"
                  columns={columns}
                  rows={failedOnly ? failed : report.items}
                  rowKey={(item) => item.namespace}
                />
                {report.restarts.length > 0 && (
                  <>
                    <h3>{t('resync.restarts')}</h3>
                    <RestartResults results={report.restarts} />
                  </>
                )}
                <div className="form-actions">
                  <a className="button" href={routeHref('resync')}>
                    {t('resync.newRun')}
                  </a>
                  {failed.length > 0 && (
                    <button
                      type="button"
                      className="button-primary"
                      onClick={() => retry.mutate()}
                      disabled={retry.isPending}
                    >
                      {t('resync.retryFailed', { count: failed.length })}
                    </button>
                  )}
                </div>
                {retry.isError && <ErrorNotice error={retry.error} />}
              </>
            )}
          </section>
        );
      }}
    </QueryView>
  );
}
