import { useTranslation } from 'react-i18next';
import type { PullCheckResult } from '../../../shared/domain/github.ts';

/** "Pull OK" with the tags seen, or the registry's own refusal. */
export function PullCheckResultView({ result }: { result: PullCheckResult }) {
  const { t } = useTranslation();
  const ok = result.outcome === 'ok';
  return (
    <div className={ok ? 'notice notice-ok' : 'notice notice-bad'} role="status">
      <p className="notice-title">
        {t(`pullCheck.${result.outcome}`)} · <span className="mono">{result.repository}</span>
      </p>
      <p className="notice-message">{result.message}</p>
      {result.tags && result.tags.length > 0 && (
        <p className="text-muted">{t('pullCheck.tags', { tags: result.tags.slice(0, 10).join(', ') })}</p>
      )}
    </div>
  );
}
