import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from './routes.ts';
import { useStatus } from './use-status.ts';

function StatusBanner({
  id,
  tone,
  title,
  problem,
  advice,
  children,
}: {
  id: string;
  tone: 'bad' | 'warn';
  title: ReactNode;
  problem: string | undefined;
  advice: string;
  children?: ReactNode;
}) {
  return (
    <section className={`banner banner-${tone}`} role="alert" aria-labelledby={id}>
      <h2 id={id} className="banner-title">
        {title}
      </h2>
      {problem && <p>{problem}</p>}
      <p>{advice}</p>
      {children && <div className="banner-actions">{children}</div>}
    </section>
  );
}

/**
 * Cluster unreachable, keychain unavailable, live pod updates paused: said at the top of every screen,
 * with what to do.
 */
export function StatusBanners() {
  const { t } = useTranslation();
  const status = useStatus();
  if (!status.data) return null;
  const { cluster, keychain, livePods } = status.data;
  const retry = (
    <button type="button" onClick={() => void status.refetch()} disabled={status.isFetching}>
      {t('common.retry')}
    </button>
  );
  return (
    <>
      {!cluster.reachable && (
        <StatusBanner
          id="banner-cluster"
          tone="bad"
          title={
            <>
              {t('banners.clusterTitle')}
              {cluster.context && (
                <span className="banner-context">
                  {t('banners.context', { kubeContext: cluster.context })}
                </span>
              )}
            </>
          }
          problem={cluster.problem}
          advice={t('banners.clusterAdvice')}
        >
          {retry}
          <a href={routeHref('settings')}>{t('common.openSettings')}</a>
        </StatusBanner>
      )}
      {cluster.reachable && livePods.state === 'retrying' && (
        <StatusBanner
          id="banner-live-pods"
          tone="warn"
          title={t('banners.livePodsTitle')}
          problem={livePods.problem}
          advice={t('banners.livePodsAdvice')}
        />
      )}
      {!keychain.available && (
        <StatusBanner
          id="banner-keychain"
          tone="warn"
          title={t('banners.keychainTitle')}
          problem={keychain.problem}
          advice={t('banners.keychainAdvice')}
        >
          {retry}
        </StatusBanner>
      )}
    </>
  );
}
