import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ActivityEntry } from '../../../shared/domain/app.ts';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { Badge } from '../components/Badge.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Loading } from '../components/Loading.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { ScreenHeader } from '../shell/ScreenHeader.tsx';
import { activityKeys } from './activity-keys.ts';

const PAGE = 100;
const OUTCOME_TONE = { succeeded: 'ok', partial: 'warn', failed: 'bad', cancelled: 'neutral' } as const;

function Namespaces({ entry }: { entry: ActivityEntry }) {
  const { t } = useTranslation();
  const shown = entry.namespaces.slice(0, 3).join(', ');
  const more = entry.namespaces.length - 3;
  return (
    <span className="mono" title={entry.namespaces.join(', ')}>
      {shown}
      {more > 0 && <span className="text-muted"> {t('activity.more', { count: more })}</span>}
    </span>
  );
}

/** Every change the app made to a cluster, newest first; new entries arrive live (onActivityAppended). */
export function ActivityScreen() {
  const { t } = useTranslation();
  const client = useDesk();
  const activity = useInfiniteQuery({
    queryKey: activityKeys.list(),
    queryFn: ({ pageParam }) =>
      callOrThrow(client, 'activity.list', { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
  });
  const entries = activity.data?.pages.flatMap((page) => page.entries) ?? [];
  const unreadable = activity.data?.pages.reduce((sum, page) => sum + page.unreadableLines, 0) ?? 0;

  return (
    <section className="screen">
      <ScreenHeader title={t('activity.title')} />
      {activity.isPending && (
        <Loading label={t('activity.loading')} onRetry={() => void activity.refetch()} />
      )}
      {activity.isError && <ErrorNotice error={activity.error} onRetry={() => void activity.refetch()} />}
      {activity.isSuccess && entries.length === 0 && <p className="empty">{t('activity.empty')}</p>}
      {unreadable > 0 && (
        <p className="notice notice-warn">{t('activity.unreadable', { count: unreadable })}</p>
      )}
      {entries.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('activity.when')}</th>
              <th scope="col">{t('activity.action')}</th>
              <th scope="col">{t('activity.outcome')}</th>
              <th scope="col">{t('activity.namespaces')}</th>
              <th scope="col">{t('activity.summary')}</th>
              <th scope="col">{t('activity.who')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <RelativeTime iso={entry.at} />
                </td>
                <td>{t(`activity.actions.${entry.action}`)}</td>
                <td>
                  <Badge tone={OUTCOME_TONE[entry.outcome]}>{t(`activity.outcomes.${entry.outcome}`)}</Badge>
                </td>
                <td>
                  <Namespaces entry={entry} />
                </td>
                <td>{entry.summary}</td>
                <td className="small">
                  {entry.actor} · {entry.context}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {activity.hasNextPage && (
        <button
          type="button"
          onClick={() => void activity.fetchNextPage()}
          disabled={activity.isFetchingNextPage}
        >
          {t('activity.loadMore')}
        </button>
      )}
    </section>
  );
}
