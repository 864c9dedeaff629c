import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { QueryView } from '../components/QueryView.tsx';
import { projectKeys } from '../projects/project-keys.ts';
import { statusKeys } from '../shell/status-keys.ts';
import { settingsKeys } from './settings-keys.ts';

/** The kubeconfig's contexts (names and servers only); choosing one is saved and applies at once. */
export function KubeContextPicker() {
  const { t } = useTranslation();
  const client = useDesk();
  const queryClient = useQueryClient();
  const contexts = useQuery({
    queryKey: settingsKeys.kubeContexts(),
    queryFn: () => callOrThrow(client, 'kube.contexts', {}),
  });
  const use = useMutation({
    mutationFn: (context: string) => callOrThrow(client, 'kube.useContext', { context }),
    onSuccess: (list) => {
      queryClient.setQueryData(settingsKeys.kubeContexts(), list);
      for (const key of [settingsKeys.view(), statusKeys.status(), projectKeys.all])
        void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  return (
    <section className="form" aria-label={t('settings.contextTitle')}>
      <QueryView query={contexts} loadingLabel={t('settings.loadingContexts')}>
        {(list) => (
          <div className="field">
            <label htmlFor="kube-context">{t('settings.fields.kubeContext')}</label>
            <select
              id="kube-context"
              value={list.active}
              disabled={use.isPending}
              onChange={(event) => use.mutate(event.target.value)}
            >
              {!list.contexts.some((context) => context.name === list.active) && (
                <option value={list.active}>
                  {t('settings.missingContext', { kubeContext: list.active })}
                </option>
              )}
              {list.contexts.map((context) => (
                <option key={context.name} value={context.name}>
                  {context.name} — {context.server}
                </option>
              ))}
            </select>
            <small className="text-muted">{t('settings.kubeconfigFrom', { source: list.source })}</small>
          </div>
        )}
      </QueryView>
      {use.isError && <ErrorNotice error={use.error} />}
    </section>
  );
}
