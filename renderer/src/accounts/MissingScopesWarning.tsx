import { useTranslation } from 'react-i18next';

/** Names the missing scopes and the two fixes: reconnect (browser asks for all) or a new classic PAT. */
export function MissingScopesWarning({ login, scopes }: { login: string; scopes: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warn" role="note">
      <p className="notice-title">{t('accounts.missingTitle', { login })}</p>
      <p>
        {t('accounts.missingScopes')} <code>{scopes.join(' ')}</code>
      </p>
      <p>{t('accounts.missingFix')}</p>
    </div>
  );
}
