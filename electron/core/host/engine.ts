/**
 * How the engine plugs into the panel: the cluster engine and the GitHub side together implement the
 * engine calls of the contract and may replace the status probes; the panel host supplies the shared
 * services (settings, events, activity log, status).
 */
import type { ActivityLog } from '../activity/activity-log.ts';
import type { DeskHandlers } from '../contract/desk-handlers.ts';
import type { EventHub } from '../contract/event-hub.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { EngineCallName } from './call-groups.ts';
import type { StatusProbes } from './status-monitor.ts';

/** The OAuth App's client secret in the keychain, per GitHub URL; it is written, never read back out. */
export interface OAuthClientSecretStore {
  isSet(githubUrl: string): Promise<boolean>;
  set(githubUrl: string, secret: string): Promise<void>;
  clear(githubUrl: string): Promise<void>;
}

/** What the panel host hands the engine. */
export interface HostServices {
  readonly profileDir: string;
  readonly settings: SettingsStore;
  /** Publish onProjectsChanged, onPodChanges, onRunProgress, onReconnectProgress, onAccountsChanged here. */
  readonly events: EventHub;
  /** Append every change made to a cluster here (it emits onActivityAppended). */
  readonly activity: ActivityLog;
  /** Re-probe the app status now (the engine saw the cluster or the keychain change state). */
  readonly requestStatusRefresh: () => void;
}

export interface Engine {
  readonly handlers: Pick<DeskHandlers, EngineCallName>;
  /** Replaces the panel's own probes (the vault knows the keychain better, for instance). */
  readonly probes?: Partial<Pick<StatusProbes, 'cluster' | 'keychain' | 'livePods'>>;
  readonly oauthClientSecret?: OAuthClientSecretStore;
  /** Stops watches, closes loopback servers. */
  close?(): Promise<void>;
}

export type EngineFactory = (services: HostServices) => Engine;
