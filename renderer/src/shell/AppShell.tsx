import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountsScreen } from '../accounts/AccountsScreen.tsx';
import { ActivityScreen } from '../activity/ActivityScreen.tsx';
import { useEventMerging } from '../api/use-event-merging.ts';
import { useLanguageSetting } from '../i18n/use-language-setting.ts';
import { ProjectDetailScreen } from '../projects/ProjectDetailScreen.tsx';
import { ProjectsScreen } from '../projects/ProjectsScreen.tsx';
import { ResyncScreen } from '../resync/ResyncScreen.tsx';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { NAV_ITEMS } from './nav-items.ts';
import { routeHref, type Route } from './routes.ts';
import { StatusBanners } from './StatusBanners.tsx';
import { useGlobalShortcuts } from './use-global-shortcuts.ts';
import { useRoute } from './use-route.ts';
import { useStatus } from './use-status.ts';

function ScreenFor({ route }: { route: Route }) {
  switch (route.screen) {
    case 'projects':
      return <ProjectsScreen params={route.params} />;
    case 'project':
      return <ProjectDetailScreen namespace={route.namespace ?? ''} />;
    case 'accounts':
      return <AccountsScreen />;
    case 'resync':
      return <ResyncScreen params={route.params} />;
    case 'settings':
      return <SettingsScreen />;
    case 'activity':
      return <ActivityScreen />;
  }
}

export function AppShell() {
  const { t } = useTranslation();
  const route = useRoute();
  const status = useStatus();
  const mainRef = useRef<HTMLElement>(null);
  const place = `${route.screen}/${route.namespace ?? ''}`;
  const firstPlace = useRef(place);
  useEventMerging();
  useLanguageSetting();
  useGlobalShortcuts();

  // A new screen moves focus to its heading (not on first load: the page itself has focus then).
  useEffect(() => {
    if (place === firstPlace.current) return;
    firstPlace.current = '';
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [place]);

  const skipToContent = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault(); // the fragment is the router's; move focus by hand
    mainRef.current?.focus();
  };
  const current = route.screen === 'project' ? 'projects' : route.screen;
  const context = status.data?.cluster.context;

  return (
    <div className="app">
      <a className="skip-link" href="#content" onClick={skipToContent}>
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <span className="app-name">{t('app.name')}</span>
        {context && <span className="app-context">{t('app.context', { kubeContext: context })}</span>}
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label={t('app.mainNavigation')}>
          <ul>
            {NAV_ITEMS.map((screen, index) => (
              <li key={screen}>
                <a
                  href={routeHref(screen)}
                  aria-current={current === screen ? 'page' : undefined}
                  aria-keyshortcuts={`Alt+${index + 1}`}
                >
                  {t(`nav.${screen}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="app-main">
          <ConnectionBanner />
          <StatusBanners />
          <main id="content" ref={mainRef} tabIndex={-1}>
            <ScreenFor route={route} />
          </main>
        </div>
      </div>
    </div>
  );
}
