import type { CallName } from '../../../shared/contract/names.ts';

/**
 * Calls the panel host implements itself: status, settings, kube contexts, activity. (A name that is not a
 * call would leave a real call to neither side, and desk-host.ts's handler map would not compile.)
 */
export type PanelCallName =
  | 'app.status'
  | 'settings.get'
  | 'settings.update'
  | 'settings.setOAuthClientSecret'
  | 'settings.clearOAuthClientSecret'
  | 'kube.contexts'
  | 'kube.useContext'
  | 'activity.list';

/** Calls the engine implements: the cluster engine (projects, re-sync) and the GitHub side (accounts, reconnect). */
export type EngineCallName = Exclude<CallName, PanelCallName>;

/** Which part of the product answers each engine call, in words for the "not in this build" message. */
export const ENGINE_PART: Readonly<Record<EngineCallName, 'cluster' | 'github'>> = {
  'projects.list': 'cluster',
  'projects.refresh': 'cluster',
  'projects.get': 'cluster',
  'projects.pullCheck': 'cluster',
  'projects.restart': 'cluster',
  'accounts.list': 'github',
  'accounts.login': 'github',
  'accounts.cancelLogin': 'github',
  'accounts.addToken': 'github',
  'accounts.remove': 'github',
  'accounts.check': 'github',
  'reconnect.start': 'github',
  'reconnect.cancel': 'github',
  'reconnect.status': 'github',
  'resync.plan': 'cluster',
  'resync.apply': 'cluster',
  'resync.cancel': 'cluster',
  'resync.retryFailed': 'cluster',
  'resync.status': 'cluster',
};
