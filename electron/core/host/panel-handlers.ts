import type { SettingsView } from '../../../shared/domain/app.ts';
import { DeskError } from '../../../shared/contract/result.ts';
import type { ActivityLog } from '../activity/activity-log.ts';
import { listKubeContexts, loadKubeconfig } from '../cluster/kubeconfig-loader.ts';
import type { DeskHandlers } from '../contract/desk-handlers.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { PanelCallName } from './call-groups.ts';
import type { OAuthClientSecretStore } from './engine.ts';
import type { StatusMonitor } from './status-monitor.ts';

/** The calls the panel answers itself, from the settings file, the kubeconfig and the activity log. */
export function createPanelHandlers(deps: {
  readonly settings: SettingsStore;
  readonly status: StatusMonitor;
  readonly activity: ActivityLog;
  readonly oauthClientSecret: OAuthClientSecretStore | undefined;
}): Pick<DeskHandlers, PanelCallName> {
  const { settings, status, activity, oauthClientSecret } = deps;

  async function view(): Promise<SettingsView> {
    const current = settings.get();
    return {
      settings: current,
      oauthClientSecretSet: oauthClientSecret ? await oauthClientSecret.isSet(current.githubUrl) : false,
    };
  }

  function secretStore(): OAuthClientSecretStore {
    if (!oauthClientSecret)
      throw new DeskError(
        'not-implemented',
        'This build of ghcr-desk has no keychain connection yet: the OAuth client secret cannot be stored.',
      );
    return oauthClientSecret;
  }

  function contexts() {
    const current = settings.get();
    return listKubeContexts(loadKubeconfig(current.kubeconfigPath), current.kubeContext);
  }

  return {
    'app.status': () => status.current(),
    'settings.get': () => view(),
    'settings.update': async ({ patch }) => {
      await settings.update(patch);
      return view();
    },
    'settings.setOAuthClientSecret': async ({ secret }) => {
      await secretStore().set(settings.get().githubUrl, secret);
      void status.refresh();
      return view();
    },
    'settings.clearOAuthClientSecret': async () => {
      await secretStore().clear(settings.get().githubUrl);
      void status.refresh();
      return view();
    },
    'kube.contexts': async () => contexts(),
    'kube.useContext': async ({ context }) => {
      if (!contexts().contexts.some((known) => known.name === context))
        throw new DeskError('not-found', `The context "${context}" is not in the kubeconfig.`);
      await settings.update({ kubeContext: context });
      return contexts();
    },
    'activity.list': ({ limit, cursor }) => activity.list(limit, cursor),
  };
}
