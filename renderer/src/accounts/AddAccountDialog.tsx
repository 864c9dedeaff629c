import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/domain/github.ts';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Loading } from '../components/Loading.tsx';
import { hostOf, useSettings } from '../settings/use-settings.ts';
import { accountKeys } from './account-keys.ts';
import { MissingScopesWarning } from './MissingScopesWarning.tsx';

type Method = 'browser' | 'token';

/**
 * Add an account through the system browser (OAuth with PKCE on a loopback redirect) or by pasting a
 * classic PAT. The PAT sits in this form's state only until it is sent; main checks it before storing
 * and never sends it back.
 */
export function AddAccountDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useDesk();
  const queryClient = useQueryClient();
  const settings = useSettings();
  const [method, setMethod] = useState<Method>('browser');
  const [hostInput, setHostInput] = useState<string | undefined>(undefined);
  const [token, setToken] = useState('');
  const host = hostInput ?? hostOf(settings.data?.settings.githubUrl) ?? 'github.com';
  const added = (account: Account) => {
    void queryClient.invalidateQueries({ queryKey: accountKeys.list() });
    setToken('');
    return account;
  };

  const login = useMutation({
    mutationFn: () => callOrThrow(client, 'accounts.login', { host }),
    onSuccess: added,
  });
  const cancelLogin = useMutation({ mutationFn: () => callOrThrow(client, 'accounts.cancelLogin', {}) });
  const addToken = useMutation({
    mutationFn: (confirmMissingScopes: boolean) =>
      callOrThrow(client, 'accounts.addToken', { host, token, confirmMissingScopes }),
    onSuccess: (outcome) => {
      if (outcome.stored) added(outcome.account);
    },
  });
  const addedAccount = login.data ?? (addToken.data?.stored ? addToken.data.account : undefined);
  const needsConfirmation = addToken.data && !addToken.data.stored ? addToken.data : undefined;

  const submitToken = (event: FormEvent) => {
    event.preventDefault();
    addToken.mutate(false);
  };

  return (
    <Dialog title={t('accounts.addTitle')} onClose={onClose}>
      {addedAccount ? (
        <p role="status" className="notice notice-ok">
          {t('accounts.added', { login: addedAccount.login, host: addedAccount.host })}
        </p>
      ) : (
        <>
          <fieldset className="segmented">
            <legend>{t('accounts.method')}</legend>
            {(['browser', 'token'] as const).map((option) => (
              <label key={option}>
                <input
                  type="radio"
                  name="method"
                  checked={method === option}
                  onChange={() => setMethod(option)}
                />
                {t(`accounts.methods.${option}`)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span>{t('accounts.host')}</span>
            <input
              value={host}
              onChange={(event) => setHostInput(event.target.value.trim())}
              spellCheck={false}
            />
          </label>
          {method === 'browser' ? (
            <>
              <p className="text-muted">{t('accounts.browserExplain')}</p>
              {login.isPending ? (
                <>
                  <Loading label={t('accounts.waitingForBrowser')} />
                  <button type="button" onClick={() => cancelLogin.mutate()}>
                    {t('common.cancel')}
                  </button>
                </>
              ) : (
                <button type="button" className="button-primary" onClick={() => login.mutate()}>
                  {t('accounts.openBrowser')}
                </button>
              )}
              {login.isError && <ErrorNotice error={login.error} />}
            </>
          ) : (
            <form onSubmit={submitToken} className="form">
              <label className="field">
                <span>{t('accounts.token')}</span>
                <input
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  required
                  value={token}
                  onChange={(event) => setToken(event.target.value)}
                />
              </label>
              <p className="text-muted">{t('accounts.tokenExplain')}</p>
              {needsConfirmation && (
                <>
                  <MissingScopesWarning
                    login={needsConfirmation.login}
                    scopes={needsConfirmation.health.missingScopes}
                  />
                  <button type="button" onClick={() => addToken.mutate(true)} disabled={addToken.isPending}>
                    {t('accounts.storeAnyway')}
                  </button>
                </>
              )}
              {addToken.isError && <ErrorNotice error={addToken.error} />}
              <button type="submit" className="button-primary" disabled={addToken.isPending || token === ''}>
                {addToken.isPending ? t('accounts.checkingToken') : t('accounts.checkAndAdd')}
              </button>
            </form>
          )}
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
