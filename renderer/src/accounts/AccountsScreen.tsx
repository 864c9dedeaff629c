import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, AccountRef } from '../../../shared/domain/github.ts';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { QueryView } from '../components/QueryView.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { TokenHealthBadge } from '../projects/StateBadges.tsx';
import { routeHref } from '../shell/routes.ts';
import { ScreenHeader } from '../shell/ScreenHeader.tsx';
import { useStatus } from '../shell/use-status.ts';
import { accountKeys } from './account-keys.ts';
import { AddAccountDialog } from './AddAccountDialog.tsx';
import { MissingScopesWarning } from './MissingScopesWarning.tsx';
import { ReconnectDialog } from './ReconnectDialog.tsx';
import { useAccounts } from './use-accounts.ts';

const key = (account: AccountRef) => `${account.host}/${account.login}`;

export function AccountsScreen() {
  const { t } = useTranslation();
  const client = useDesk();
  const queryClient = useQueryClient();
  const accounts = useAccounts();
  const status = useStatus();
  const [adding, setAdding] = useState(false);
  const [reconnecting, setReconnecting] = useState<AccountRef>();
  const [removing, setRemoving] = useState<AccountRef>();
  const refreshList = () => void queryClient.invalidateQueries({ queryKey: accountKeys.list() });
  const check = useMutation({
    mutationFn: (account: AccountRef) => callOrThrow(client, 'accounts.check', account),
    onSuccess: (checked) =>
      queryClient.setQueryData<readonly Account[]>(accountKeys.list(), (list) =>
        list?.map((account) => (key(account) === key(checked) ? checked : account)),
      ),
  });
  const remove = useMutation({
    mutationFn: (account: AccountRef) => callOrThrow(client, 'accounts.remove', account),
    onSuccess: refreshList,
  });
  const keychainDown = status.data?.keychain.available === false;

  return (
    <section className="screen">
      <ScreenHeader title={t('accounts.title')}>
        <button
          type="button"
          className="button-primary"
          onClick={() => setAdding(true)}
          disabled={keychainDown}
        >
          {t('accounts.add')}
        </button>
      </ScreenHeader>
      {status.data && !status.data.oauthConfigured && (
        <p className="notice notice-neutral">
          {t('accounts.oauthMissing')} <a href={routeHref('settings')}>{t('common.openSettings')}</a>
        </p>
      )}
      {adding && <AddAccountDialog onClose={() => setAdding(false)} />}
      {reconnecting && (
        <ReconnectDialog
          login={reconnecting.login}
          host={reconnecting.host}
          onClose={() => setReconnecting(undefined)}
        />
      )}
      {removing && (
        <Dialog
          title={t('accounts.removeTitle', { login: removing.login })}
          onClose={() => setRemoving(undefined)}
        >
          <p>{t('accounts.removeExplain', { login: removing.login, host: removing.host })}</p>
          <form method="dialog" className="dialog-actions">
            <button type="submit">{t('common.cancel')}</button>
            <button type="submit" className="button-danger" onClick={() => remove.mutate(removing)}>
              {t('common.remove')}
            </button>
          </form>
        </Dialog>
      )}
      {check.isError && <ErrorNotice error={check.error} />}
      {remove.isError && <ErrorNotice error={remove.error} />}
      <QueryView
        query={accounts}
        loadingLabel={t('accounts.loading')}
        isEmpty={(list) => list.length === 0}
        empty={<p className="empty">{t('accounts.empty')}</p>}
      >
        {(list) => (
          <>
            {list
              .filter((account) => account.health.missingScopes.length > 0)
              .map((account) => (
                <MissingScopesWarning
                  key={key(account)}
                  login={account.login}
                  scopes={account.health.missingScopes}
                />
              ))}
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('accounts.login')}</th>
                  <th scope="col">{t('accounts.host')}</th>
                  <th scope="col">{t('accounts.scopes')}</th>
                  <th scope="col">{t('accounts.health')}</th>
                  <th scope="col">{t('accounts.lastChecked')}</th>
                  <th scope="col">{t('accounts.fingerprint')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('accounts.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((account) => (
                  <tr key={key(account)}>
                    <th scope="row">{account.login}</th>
                    <td>{account.host}</td>
                    <td className="mono small">{account.health.scopes.join(' ') || '—'}</td>
                    <td>
                      <TokenHealthBadge state={account.health.state} />
                      {account.health.message && <p className="text-muted small">{account.health.message}</p>}
                    </td>
                    <td>
                      <RelativeTime iso={account.health.checkedAt} />
                    </td>
                    <td>
                      <code>{account.fingerprint}</code>
                    </td>
                    <td className="row-actions">
                      <button type="button" onClick={() => check.mutate(account)} disabled={check.isPending}>
                        {t('accounts.check')}
                      </button>
                      <button type="button" onClick={() => setReconnecting(account)} disabled={keychainDown}>
                        {t('accounts.reconnect')}
                      </button>
                      <button type="button" className="button-danger" onClick={() => setRemoving(account)}>
                        {t('common.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </QueryView>
    </section>
  );
}
