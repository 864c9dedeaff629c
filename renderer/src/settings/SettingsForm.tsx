import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SETTINGS_PATCH_SCHEMA } from '../../../shared/contract/settings-schema.ts';
import type { Settings } from '../../../shared/domain/app.ts';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { settingsKeys } from './settings-keys.ts';

type Draft = Omit<Settings, 'requiredScopes' | 'resyncConcurrency' | 'language' | 'kubeContext'> & {
  requiredScopes: string;
  resyncConcurrency: string;
};

const toDraft = (settings: Settings): Draft => ({
  kubeconfigPath: settings.kubeconfigPath,
  githubUrl: settings.githubUrl,
  oauthClientId: settings.oauthClientId,
  registryUrl: settings.registryUrl,
  requiredScopes: settings.requiredScopes.join(' '),
  namespaceLabelSelector: settings.namespaceLabelSelector,
  namespaceNamePattern: settings.namespaceNamePattern,
  pullSecretName: settings.pullSecretName,
  restartPolicy: settings.restartPolicy,
  resyncConcurrency: String(settings.resyncConcurrency),
});

const fromDraft = (draft: Draft): Partial<Settings> => ({
  ...draft,
  requiredScopes: draft.requiredScopes.split(/[\s,]+/).filter(Boolean),
  resyncConcurrency: Number(draft.resyncConcurrency),
});

/**
 * The settings form, validated with the same zod schema main applies (so errors show beside the field
 * before anything is sent). Kube context and language are chosen elsewhere on the screen, applied at once.
 */
export function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const client = useDesk();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => toDraft(settings));
  const [problems, setProblems] = useState<Partial<Record<keyof Draft, string>>>({});
  const save = useMutation({
    mutationFn: (patch: Partial<Settings>) => callOrThrow(client, 'settings.update', { patch }),
    onSuccess: (view) => {
      setDraft(toDraft(view.settings)); // as stored: trimmed, scopes normalised
      queryClient.setQueryData(settingsKeys.view(), view);
      void queryClient.invalidateQueries({ queryKey: settingsKeys.kubeContexts() });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch = fromDraft(draft);
    const checked = SETTINGS_PATCH_SCHEMA.safeParse(patch);
    if (!checked.success) {
      setProblems(
        Object.fromEntries(
          checked.error.issues.map((issue) => [String(issue.path[0]), issue.message]),
        ) as Partial<Record<keyof Draft, string>>,
      );
      return;
    }
    setProblems({});
    save.mutate(checked.data);
  };

  const field = (name: keyof Draft, input: ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={`setting-${name}`}>{t(`settings.fields.${name}`)}</label>
      {input}
      {hint && <small className="text-muted">{hint}</small>}
      {problems[name] && (
        <small className="text-bad" id={`setting-${name}-problem`} role="alert">
          {problems[name]}
        </small>
      )}
    </div>
  );
  const text = (name: Exclude<keyof Draft, 'restartPolicy'>, placeholder?: string) => (
    <input
      id={`setting-${name}`}
      value={draft[name]}
      placeholder={placeholder}
      spellCheck={false}
      aria-invalid={problems[name] ? true : undefined}
      aria-describedby={problems[name] ? `setting-${name}-problem` : undefined}
      onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
    />
  );

  return (
    <form className="form settings-form" onSubmit={submit}>
      <fieldset>
        <legend>{t('settings.cluster')}</legend>
        {field(
          'kubeconfigPath',
          text('kubeconfigPath', '~/.kube/config'),
          t('settings.hints.kubeconfigPath'),
        )}
      </fieldset>
      <fieldset>
        <legend>{t('settings.github')}</legend>
        {field('githubUrl', text('githubUrl'), t('settings.hints.githubUrl'))}
        {field('oauthClientId', text('oauthClientId'))}
        {field('registryUrl', text('registryUrl'))}
        {field('requiredScopes', text('requiredScopes'), t('settings.hints.requiredScopes'))}
      </fieldset>
      <fieldset>
        <legend>{t('settings.discovery')}</legend>
        {field('namespaceLabelSelector', text('namespaceLabelSelector', 'platform.example/tenant=true'))}
        {field('namespaceNamePattern', text('namespaceNamePattern', '^project-.+$'))}
        {field('pullSecretName', text('pullSecretName'))}
      </fieldset>
      <fieldset>
        <legend>{t('settings.resync')}</legend>
        {field(
          'restartPolicy',
          <select
            id="setting-restartPolicy"
            value={draft.restartPolicy}
            onChange={(event) =>
              setDraft({ ...draft, restartPolicy: event.target.value as Settings['restartPolicy'] })
            }
          >
            <option value="restart-stuck">{t('settings.restartStuck')}</option>
            <option value="never">{t('settings.restartNever')}</option>
          </select>,
        )}
        {field('resyncConcurrency', text('resyncConcurrency'))}
      </fieldset>
      {save.isError && <ErrorNotice error={save.error} />}
      {save.isSuccess && (
        <p role="status" className="notice notice-ok">
          {t('settings.saved')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
