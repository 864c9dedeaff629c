import { useTranslation } from 'react-i18next';
import { useElapsed } from './use-elapsed.ts';

const SLOW_MS = 8_000;

/** Busy state with a label; after a while it says so and offers a retry (the call itself times out too). */
export function Loading({ label, onRetry }: { label?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  const slow = useElapsed(SLOW_MS);
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
      {slow && (
        <span className="loading-slow">
          {t('common.stillLoading')}
          {onRetry && (
            <button type="button" className="button-link" onClick={onRetry}>
              {t('common.retry')}
            </button>
          )}
        </span>
      )}
    </div>
  );
}
