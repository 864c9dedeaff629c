import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { settingsKeys } from '../settings/settings-keys.ts';
import { resolveLanguage } from './languages.ts';

/** Applies Settings › language (persisted by main) over the detected one, whenever it changes. */
export function useLanguageSetting(): void {
  const client = useDesk();
  const { i18n } = useTranslation();
  const { data } = useQuery({
    queryKey: settingsKeys.view(),
    queryFn: () => callOrThrow(client, 'settings.get', {}),
  });
  const setting = data?.settings.language;
  useEffect(() => {
    if (!setting) return;
    const language = resolveLanguage(setting, navigator.languages);
    if (language !== i18n.language) void i18n.changeLanguage(language);
  }, [setting, i18n]);
}
