import { startPodMonitor, type PodMonitor, type PodMonitorOptions } from '../cluster/pods/pod-monitor.ts';

/** The engine's pluggable part: the live pod monitor (tests of the engine alone may leave it out). */
export interface EngineParts {
  readonly pods?: (options: PodMonitorOptions) => PodMonitor;
}

/** What this build has: the desktop app, serve mode and the CLI all take their parts from here. */
export const ENGINE_PARTS: EngineParts = { pods: startPodMonitor };
