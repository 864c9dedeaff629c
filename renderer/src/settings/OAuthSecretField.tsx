import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../shared/domain/app.ts';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { statusKeys } from '../shell/status-keys.ts';
import { settingsKeys } from './settings-keys.ts';

/** The OAuth App's client secret goes to the keychain once; the UI only ever learns "set" or "not set". */
export function OAuthSecretField({ isSet }: { isSet: boolean }) {
  const { t } = useTranslation();
  const client = useDesk();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState('');
  const onSaved = (view: SettingsView) => {
    setSecret('');
    queryClient.setQueryData(settingsKeys.view(), view);
    void queryClient.invalidateQueries({ queryKey: statusKeys.status() });
  };
  const store = useMutation({
    mutationFn: () => callOrThrow(client, 'settings.setOAuthClientSecret', { secret }),
    onSuccess: onSaved,
  });
  const clear = useMutation({
    mutationFn: () => callOrThrow(client, 'settings.clearOAuthClientSecret', {}),
    onSuccess: onSaved,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    store.mutate();
  };
  return (
    <form className="form" onSubmit={submit} aria-label={t('settings.fields.oauthClientSecret')}>
      <div className="field">
        <label htmlFor="oauth-secret">{t('settings.fields.oauthClientSecret')}</label>
        <input
          id="oauth-secret"
          type="password"
          autoComplete="off"
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
        />
        <small className="text-muted">{isSet ? t('settings.secretSet') : t('settings.secretNotSet')}</small>
      </div>
      {store.isError && <ErrorNotice error={store.error} />}
      {clear.isError && <ErrorNotice error={clear.error} />}
      <div className="form-actions">
        <button type="submit" disabled={secret === '' || store.isPending}>
          {t('settings.storeSecret')}
        </button>
        {isSet && (
          <button
            type="button"
            className="button-danger"
            onClick={() => clear.mutate()}
            disabled={clear.isPending}
          >
            {t('common.remove')}
          </button>
        )}
      </div>
    </form>
  );
}
