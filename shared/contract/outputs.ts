/** What every call answers with on success. No type reachable from here holds a token (see no-secret-fields.ts). */
import type { ActivityPage, AppStatus, ReconnectProgress, SettingsView } from '../domain/app.ts';
import type { KubeContextList, ProjectDetail, ProjectList, RestartResult } from '../domain/cluster.ts';
import type { Account, AddTokenOutcome, PullCheckResult } from '../domain/github.ts';
import type { ResyncPlan, RunProgress, RunStatus } from '../domain/resync.ts';
import type { CallName } from './names.ts';

export interface Cancelled {
  /** false when there was nothing (left) to cancel. */
  readonly cancelled: boolean;
}

export interface CallOutputs {
  'app.status': AppStatus;
  'settings.get': SettingsView;
  'settings.update': SettingsView;
  'settings.setOAuthClientSecret': SettingsView;
  'settings.clearOAuthClientSecret': SettingsView;
  'kube.contexts': KubeContextList;
  'kube.useContext': KubeContextList;
  'projects.list': ProjectList;
  'projects.refresh': ProjectList;
  'projects.get': ProjectDetail;
  'projects.pullCheck': PullCheckResult;
  'projects.restart': readonly RestartResult[];
  'accounts.list': readonly Account[];
  'accounts.login': Account;
  'accounts.cancelLogin': Cancelled;
  'accounts.addToken': AddTokenOutcome;
  'accounts.remove': { readonly removed: boolean };
  'accounts.check': Account;
  /** The first progress (stage `waiting-for-browser`), carrying the reconnectId; the rest come as events. */
  'reconnect.start': ReconnectProgress;
  'reconnect.cancel': Cancelled;
  'reconnect.status': ReconnectProgress;
  'resync.plan': ResyncPlan;
  /** The run's first progress, carrying its runId; the rest come as onRunProgress events. */
  'resync.apply': RunProgress;
  'resync.cancel': Cancelled;
  /** A new run over the failed items of `runId`, re-planned first. */
  'resync.retryFailed': RunProgress;
  'resync.status': RunStatus;
  'activity.list': ActivityPage;
}

export type CallOutput<K extends CallName> = CallOutputs[K];
