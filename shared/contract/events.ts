/** Main → renderer pushes and their payloads. */
import type { ActivityEntry, AppStatus, ReconnectProgress } from '../domain/app.ts';
import type { PodChangeBatch, ProjectsChange } from '../domain/cluster.ts';
import type { Account } from '../domain/github.ts';
import type { RunProgress } from '../domain/resync.ts';
import type { EventName } from './names.ts';

export interface EventPayloads {
  onStatusChanged: AppStatus;
  onProjectsChanged: ProjectsChange;
  /** Coalesced pod watch events: at most one batch per ~100 ms, only what changed. */
  onPodChanges: PodChangeBatch;
  onRunProgress: RunProgress;
  onReconnectProgress: ReconnectProgress;
  /** The whole (short) account list whenever one changes. */
  onAccountsChanged: readonly Account[];
  onActivityAppended: ActivityEntry;
}

export type EventPayload<E extends EventName> = EventPayloads[E];

/** One event as a value, for code that forwards every event alike (transports, the event hub). */
export type AnyEvent = {
  [E in EventName]: { readonly name: E; readonly payload: EventPayloads[E] };
}[EventName];
