import type { PodMonitorFactory } from './pod-monitor-port.ts';

/** The engine's pluggable part: the live pod monitor. */
export interface EngineParts {
  readonly pods?: PodMonitorFactory;
}

/** What this build has: the desktop app, serve mode and the CLI all take their parts from here. */
export const ENGINE_PARTS: EngineParts = {};
