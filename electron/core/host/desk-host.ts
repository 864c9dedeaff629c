import { openActivityLog } from '../activity/activity-log.ts';
import { probeCluster } from '../cluster/cluster-probe.ts';
import type { DeskHandlers } from '../contract/desk-handlers.ts';
import { createEventHub, type EventHub } from '../contract/event-hub.ts';
import { openSettingsStore, type SettingsStore } from '../settings/settings-store.ts';
import type { EngineFactory } from './engine.ts';
import { probeKeychain } from './keychain-probe.ts';
import { notImplementedEngineHandlers } from './not-implemented.ts';
import { createPanelHandlers } from './panel-handlers.ts';
import { createStatusMonitor, type StatusMonitor } from './status-monitor.ts';

/** The contract's implementation, as both transports (IPC and serve mode) and the shell consume it. */
export interface DeskHost {
  readonly handlers: DeskHandlers;
  readonly events: EventHub;
  close(): Promise<void>;
}

export interface DeskHostOptions {
  /** Settings, activity log, window state: see profile-dir.ts. */
  readonly profileDir: string;
  readonly version: string;
  /** The cluster engine + GitHub side. Without one, their calls answer `not-implemented`. */
  readonly engine?: EngineFactory;
  /** Default: the profile's settings file. The CLI's `serve` passes one with its command-line overrides. */
  readonly settings?: SettingsStore;
  readonly statusIntervalMs?: number;
}

/** Composes the panel's own handlers and the engine's into the one handler map of the contract. */
export function createDeskHost(options: DeskHostOptions): DeskHost {
  const { profileDir } = options;
  const events = createEventHub();
  const settings = options.settings ?? openSettingsStore(profileDir);
  const activity = openActivityLog(profileDir, events);
  // The engine may ask for a status refresh; the monitor needs the engine's probes: a holder breaks the cycle.
  const late: { status?: StatusMonitor } = {};
  const engine = options.engine?.({
    profileDir,
    settings,
    events,
    activity,
    requestStatusRefresh: () => void late.status?.refresh(),
  });
  const status = createStatusMonitor({
    version: options.version,
    settings,
    events,
    intervalMs: options.statusIntervalMs,
    probes: {
      cluster:
        engine?.probes?.cluster ?? ((current) => probeCluster(current.kubeconfigPath, current.kubeContext)),
      keychain: engine?.probes?.keychain ?? probeKeychain,
      livePods: engine?.probes?.livePods ?? (() => ({ state: 'off' })),
      oauthClientSecretSet: async (current) =>
        engine?.oauthClientSecret ? engine.oauthClientSecret.isSet(current.githubUrl) : false,
    },
  });
  late.status = status;
  const handlers: DeskHandlers = {
    ...createPanelHandlers({ settings, status, activity, oauthClientSecret: engine?.oauthClientSecret }),
    ...(engine?.handlers ?? notImplementedEngineHandlers()),
  };
  return {
    handlers,
    events,
    async close() {
      status.stop();
      await engine?.close?.();
    },
  };
}
