import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/app.ts';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { settingsKeys } from './settings-keys.ts';

const LANGUAGES: readonly Language[] = ['system', 'en', 'zh-CN'];

/** Switches the UI language at once and persists it (use-language-setting applies it). */
export function LanguagePicker({ language }: { language: Language }) {
  const { t } = useTranslation();
  const client = useDesk();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (next: Language) => callOrThrow(client, 'settings.update', { patch: { language: next } }),
    onSuccess: (view) => queryClient.setQueryData(settingsKeys.view(), view),
  });
  return (
    <div className="field">
      <label htmlFor="language">{t('settings.fields.language')}</label>
      <select
        id="language"
        value={save.variables ?? language}
        onChange={(event) => save.mutate(event.target.value as Language)}
      >
        {LANGUAGES.map((option) => (
          <option key={option} value={option} lang={option === 'system' ? undefined : option}>
            {t(`settings.languages.${option}`)}
          </option>
        ))}
      </select>
      {save.isError && <ErrorNotice error={save.error} />}
    </div>
  );
}
