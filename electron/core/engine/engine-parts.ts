import type { PodMonitorFactory } from './pod-monitor-port.ts';
import type { ResyncFactory } from './resync-port.ts';

/** The engine's pluggable parts: the bulk re-sync service and the live pod monitor. */
export interface EngineParts {
  readonly resync?: ResyncFactory;
  readonly pods?: PodMonitorFactory;
}

/** What this build has: the desktop app, serve mode and the CLI all take their parts from here. */
export const ENGINE_PARTS: EngineParts = {};
