import { useTranslation } from 'react-i18next';
import type { PodEvent } from '../../../shared/domain/cluster.ts';
import { RelativeTime } from '../components/RelativeTime.tsx';

/** The kubelet's own words about failed pulls (Warning Events), newest first. */
export function PullErrorEvents({ events }: { events: readonly PodEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="empty">{t('detail.noEvents')}</p>;
  return (
    <ul className="event-list">
      {events.map((event) => (
        <li key={`${event.podName}/${event.reason}`}>
          <p>
            <span className="strong">{event.reason}</span> · <span className="mono">{event.podName}</span> ·{' '}
            {t('detail.eventCount', { count: event.count })} · <RelativeTime iso={event.lastSeen} />
          </p>
          <p className="event-message">{event.message}</p>
        </li>
      ))}
    </ul>
  );
}
