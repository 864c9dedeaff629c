import { useTranslation } from 'react-i18next';
import { QueryView } from '../components/QueryView.tsx';
import { ScreenHeader } from '../shell/ScreenHeader.tsx';
import { KubeContextPicker } from './KubeContextPicker.tsx';
import { LanguagePicker } from './LanguagePicker.tsx';
import { OAuthSecretField } from './OAuthSecretField.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { useSettings } from './use-settings.ts';

export function SettingsScreen() {
  const { t } = useTranslation();
  const settings = useSettings();
  return (
    <section className="screen">
      <ScreenHeader title={t('settings.title')} />
      <QueryView query={settings} loadingLabel={t('settings.loading')}>
        {(view) => (
          <div className="settings">
            <LanguagePicker language={view.settings.language} />
            <KubeContextPicker />
            <SettingsForm settings={view.settings} />
            <OAuthSecretField isSet={view.oauthClientSecretSet} />
          </div>
        )}
      </QueryView>
    </section>
  );
}
