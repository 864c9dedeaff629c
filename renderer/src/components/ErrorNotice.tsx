import { useTranslation } from 'react-i18next';
import { DeskError, type ErrorCode } from '../../../shared/contract/result.ts';
import { routeHref } from '../shell/routes.ts';
import { useRoute } from '../shell/use-route.ts';

const SETTINGS_HELPS: ReadonlySet<ErrorCode> = new Set([
  'cluster-unreachable',
  'kubeconfig-invalid',
  'oauth-not-configured',
]);

export function errorCode(error: unknown): ErrorCode {
  return error instanceof DeskError ? error.code : 'internal';
}

/** A failed call: what happened (by code, translated), main's message, and what can be done next. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const onSettings = useRoute().screen === 'settings';
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const unavailable = code === 'not-implemented';
  return (
    <div
      className={unavailable ? 'notice notice-neutral' : 'notice notice-bad'}
      role={unavailable ? 'status' : 'alert'}
    >
      <p className="notice-title">{t(`errors.${code}`)}</p>
      <p className="notice-message">{message}</p>
      <div className="notice-actions">
        {onRetry && !unavailable && (
          <button type="button" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )}
        {SETTINGS_HELPS.has(code) && !onSettings && (
          <a href={routeHref('settings')}>{t('common.openSettings')}</a>
        )}
      </div>
    </div>
  );
}
