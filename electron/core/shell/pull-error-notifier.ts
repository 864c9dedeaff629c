import type { AnyEvent } from '../../../shared/contract/events.ts';

export interface PullErrorNotice {
  /** Namespaces whose pods just entered pull errors, in the order seen. */
  readonly namespaces: readonly string[];
  /** Pods in pull errors across those namespaces. */
  readonly pods: number;
}

export interface PullErrorNotifier {
  /** A notice when some project's pods just went from no pull errors to some; undefined otherwise. */
  apply(event: AnyEvent): PullErrorNotice | undefined;
}

/**
 * Decides when the desktop tells the operator about pull errors: a project whose pods *enter* pull
 * errors, once per project per cooldown, one notice per batch however many projects it names (a bulk
 * outage must not flood the desktop with notifications). A project already failing is not news: the
 * project lists (onProjectsChanged) set what is known without notifying, so starting the app is quiet.
 */
export function createPullErrorNotifier(
  options: {
    readonly cooldownMs?: number;
    readonly now?: () => number;
  } = {},
): PullErrorNotifier {
  const cooldownMs = options.cooldownMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  let context: string | undefined;
  const failing = new Map<string, number>();
  const lastNotified = new Map<string, number>();

  function switchContext(next: string, reset: boolean): void {
    // Another cluster: what failed in the old one says nothing about the new one.
    if (next === context && !reset) return;
    context = next;
    failing.clear();
  }

  return {
    apply(event) {
      if (event.name === 'onProjectsChanged') {
        switchContext(event.payload.context, event.payload.kind === 'reset');
        for (const project of event.payload.projects) failing.set(project.namespace, project.pods.pullErrors);
        return undefined;
      }
      if (event.name !== 'onPodChanges') return undefined;
      const batch = event.payload;
      switchContext(batch.context, false);
      const entered: string[] = [];
      let pods = 0;
      for (const [namespace, counts] of Object.entries(batch.projectPods)) {
        const before = failing.get(namespace) ?? 0;
        failing.set(namespace, counts.pullErrors);
        if (before > 0 || counts.pullErrors === 0) continue;
        const last = lastNotified.get(namespace);
        if (last !== undefined && now() - last < cooldownMs) continue;
        lastNotified.set(namespace, now());
        entered.push(namespace);
        pods += counts.pullErrors;
      }
      return entered.length > 0 ? { namespaces: entered, pods } : undefined;
    },
  };
}
