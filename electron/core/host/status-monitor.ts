import type { AppStatus, ClusterStatus, KeychainStatus, LivePodsStatus } from '../../../shared/domain/app.ts';
import type { Settings } from '../../../shared/domain/app.ts';
import type { EventHub } from '../contract/event-hub.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

export interface StatusProbes {
  cluster(settings: Settings): Promise<ClusterStatus>;
  keychain(): Promise<KeychainStatus>;
  livePods(): LivePodsStatus;
  oauthClientSecretSet(settings: Settings): Promise<boolean>;
}

export interface StatusMonitor {
  /** The latest status, probing first when none is fresh. */
  current(): Promise<AppStatus>;
  /** Probes now; emits onStatusChanged when anything differs from the last status. */
  refresh(): Promise<AppStatus>;
  stop(): void;
}

const FRESH_MS = 3_000;

/**
 * App status (cluster reachable? keychain there? OAuth configured?), probed every `intervalMs` and when
 * the settings that decide it change. Renderers learn about changes from onStatusChanged, so banners come
 * and go without anyone polling from the UI.
 */
export function createStatusMonitor(options: {
  readonly version: string;
  readonly settings: SettingsStore;
  readonly events: EventHub;
  readonly probes: StatusProbes;
  readonly intervalMs?: number;
}): StatusMonitor {
  const { settings, events, probes } = options;
  let last: { status: AppStatus; at: number } | undefined;
  let inFlight: Promise<AppStatus> | undefined;

  async function probe(): Promise<AppStatus> {
    const current = settings.get();
    const [cluster, keychain, secretSet] = await Promise.all([
      probes.cluster(current),
      probes.keychain(),
      probes.oauthClientSecretSet(current).catch(() => false),
    ]);
    return {
      version: options.version,
      cluster,
      keychain,
      livePods: probes.livePods(),
      oauthConfigured: current.oauthClientId !== '' && secretSet,
    };
  }

  function refresh(): Promise<AppStatus> {
    // Concurrent callers share one probe: a burst of renderer requests costs one GET /version.
    inFlight ??= probe()
      .then((status) => {
        const changed = JSON.stringify(status) !== JSON.stringify(last?.status);
        last = { status, at: Date.now() };
        if (changed) events.emit('onStatusChanged', status);
        return status;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  const timer = setInterval(() => void refresh(), options.intervalMs ?? 15_000);
  timer.unref();
  const unsubscribe = settings.subscribe((next, previous) => {
    if (
      next.kubeconfigPath !== previous.kubeconfigPath ||
      next.kubeContext !== previous.kubeContext ||
      next.oauthClientId !== previous.oauthClientId
    )
      void refresh();
  });

  return {
    current: () => (last && Date.now() - last.at < FRESH_MS ? Promise.resolve(last.status) : refresh()),
    refresh,
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
