import { useTranslation } from 'react-i18next';
import { routeHref } from './routes.ts';
import { useStatus } from './use-status.ts';

/**
 * Cluster unreachable, keychain unavailable, live pod updates paused: said at the top of every screen,
 * with what to do.
 */
export function StatusBanners() {
  const { t } = useTranslation();
  const status = useStatus();
  if (!status.data) return null;
  const { cluster, keychain, livePods } = status.data;
  return (
    <>
      {!cluster.reachable && (
        <section className="banner banner-bad" role="alert" aria-labelledby="banner-cluster">
          <h2 id="banner-cluster" className="banner-title">
            {t('banners.clusterTitle')}
            {cluster.context && (
              <span className="banner-context">{t('banners.context', { kubeContext: cluster.context })}</span>
            )}
          </h2>
          {cluster.problem && <p>{cluster.problem}</p>}
          <p>{t('banners.clusterAdvice')}</p>
          <div className="banner-actions">
            <button type="button" onClick={() => void status.refetch()} disabled={status.isFetching}>
              {t('common.retry')}
            </button>
            <a href={routeHref('settings')}>{t('common.openSettings')}</a>
          </div>
        </section>
      )}
      {cluster.reachable && livePods.state === 'retrying' && (
        <section className="banner banner-warn" role="alert" aria-labelledby="banner-live-pods">
          <h2 id="banner-live-pods" className="banner-title">
            {t('banners.livePodsTitle')}
          </h2>
          {livePods.problem && <p>{livePods.problem}</p>}
          <p>{t('banners.livePodsAdvice')}</p>
        </section>
      )}
      {!keychain.available && (
        <section className="banner banner-warn" role="alert" aria-labelledby="banner-keychain">
          <h2 id="banner-keychain" className="banner-title">
            {t('banners.keychainTitle')}
          </h2>
          {keychain.problem && <p>{keychain.problem}</p>}
          <p>{t('banners.keychainAdvice')}</p>
          <div className="banner-actions">
            <button type="button" onClick={() => void status.refetch()} disabled={status.isFetching}>
              {t('common.retry')}
            </button>
          </div>
        </section>
      )}
    </>
  );
}
