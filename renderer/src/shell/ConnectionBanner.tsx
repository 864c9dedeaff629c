import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../api/desk-context.tsx';

/** The transport to main is down (serve mode): say so, and what to do if it does not come back. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const state = useConnectionState();
  if (state === 'disconnected')
    return (
      <section className="banner banner-warn" role="status">
        <p className="banner-title">{t('connection.lost')}</p>
        <p>{t('connection.lostHint')}</p>
      </section>
    );
  if (state === 'no-token')
    return (
      <section className="banner banner-bad" role="alert">
        <p className="banner-title">{t('connection.noTokenTitle')}</p>
        <p>{t('connection.noToken')}</p>
      </section>
    );
  return null;
}
