import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReconnectDialog } from '../accounts/ReconnectDialog.tsx';
import { routeHref } from '../shell/routes.ts';
import type { BrokenSummary } from './summarise-broken.ts';

/** What is broken, in one sentence per problem, and the one action that fixes most of it. */
export function ProjectsBanner({ summary }: { summary: BrokenSummary }) {
  const { t } = useTranslation();
  const [reconnecting, setReconnecting] = useState(false);
  if (summary.broken === 0)
    return (
      <section className="banner banner-ok" aria-label={t('banner.label')}>
        <p className="banner-title">{t('banner.allGood', { count: summary.total })}</p>
      </section>
    );
  const { fix } = summary;
  return (
    <section className="banner banner-bad" aria-label={t('banner.label')}>
      <p className="banner-title">{t('banner.broken', { count: summary.broken, total: summary.total })}</p>
      <ul className="banner-list">
        {Object.entries(summary.problems).map(([problem, count]) => (
          <li key={problem}>{t(`problems.${problem as keyof BrokenSummary['problems']}`, { count })}</li>
        ))}
      </ul>
      {fix?.kind === 'resync' && (
        <div className="banner-actions">
          <a
            className="button button-primary"
            href={routeHref('resync', { scope: 'filtered', state: 'broken' })}
          >
            {t('banner.fixResync', { count: fix.namespaces.length })}
          </a>
        </div>
      )}
      {fix?.kind === 'reconnect' && (
        <div className="banner-actions">
          <button type="button" className="button-primary" onClick={() => setReconnecting(true)}>
            {t('banner.fixReconnect', { owner: fix.owner, count: fix.fixes })}
          </button>
          {reconnecting && (
            <ReconnectDialog login={fix.owner} host={fix.host} onClose={() => setReconnecting(false)} />
          )}
        </div>
      )}
    </section>
  );
}
