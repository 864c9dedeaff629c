// An in-memory engine for the screen-level UI specs (thousands of projects, failing items on demand, a
// consent that arrives when the spec says): it keeps projects in memory and pushes the events the real
// engine pushes. Test code only. The seed's story runs on the real engine (story.spec.ts).
import type { ReconnectProgress } from '../../shared/domain/app.ts';
import type { Project, ProjectDetail } from '../../shared/domain/cluster.ts';
import type { Account } from '../../shared/domain/github.ts';
import type {
  PlanItem,
  ResyncPlan,
  RunItemOutcome,
  RunItemResult,
  RunStatus,
} from '../../shared/domain/resync.ts';
import { DeskError } from '../../shared/contract/result.ts';
import type { EngineFactory, HostServices } from '../../electron/core/host/engine.ts';
import { notImplementedEngineHandlers } from '../../electron/core/host/not-implemented.ts';
import { podsOf, pullEventsOf } from './generated-projects.ts';

export const STUB_CONTEXT = 'stub-cluster';

const zeroCounts = (): Record<RunItemOutcome, number> => ({
  created: 0,
  updated: 0,
  recreated: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
  cancelled: 0,
});

export interface StubEngine {
  readonly factory: EngineFactory;
  /** The browser consent of a waiting reconnect: the rest of the flow then runs. */
  approveReconnect(): void;
  /** The given projects' pods go Running, pushed as one pod change batch. */
  podsRecover(namespaces: readonly string[]): void;
}

export function createStubEngine(options: {
  readonly projects: Project[];
  readonly accounts?: Account[];
  /** Namespaces whose re-sync fails (to exercise "retry failed"). */
  readonly failing?: ReadonlySet<string>;
  readonly stepMs?: number;
}): StubEngine {
  const projects = new Map(options.projects.map((project) => [project.namespace, project]));
  const running = new Set<string>();
  const plans = new Map<string, ResyncPlan>();
  const runs = new Map<string, RunStatus>();
  const reconnects = new Map<string, ReconnectProgress>();
  const stepMs = options.stepMs ?? 40;
  let services: HostServices | undefined;
  let sequence = 0;
  let ids = 0;
  let waiting: (() => void) | undefined;
  const failing = new Set(options.failing);

  const emit: HostServices['events']['emit'] = (name, payload) => services?.events.emit(name, payload);

  function podsRecover(namespaces: readonly string[]): void {
    const changed = namespaces.flatMap((namespace) => {
      const project = projects.get(namespace);
      if (!project) return [];
      running.add(namespace);
      const recovered = {
        ...project,
        pods: { total: project.pods.total, ready: project.pods.total, pullErrors: 0 },
      };
      projects.set(namespace, recovered);
      return [recovered];
    });
    sequence += 1;
    emit('onPodChanges', {
      context: STUB_CONTEXT,
      sequence,
      initial: false,
      projectPods: Object.fromEntries(changed.map((project) => [project.namespace, project.pods])),
      upserted: changed.flatMap((project) => podsOf(project, true)),
      removed: [],
      events: [],
    });
  }

  function detail(namespace: string): ProjectDetail {
    const project = projects.get(namespace);
    if (!project) throw new DeskError('not-found', `No project ${namespace}.`);
    const recovered = running.has(namespace);
    return {
      context: STUB_CONTEXT,
      project,
      pods: podsOf(project, recovered),
      events: recovered ? [] : pullEventsOf(project),
    };
  }

  function planItems(namespaces: readonly string[]): PlanItem[] {
    return namespaces.flatMap((namespace) => {
      const project = projects.get(namespace);
      if (!project) return [];
      const revoked = project.pullSecret.tokenHealth?.state === 'revoked';
      const broken = project.pullSecret.state !== 'ok' || project.pods.pullErrors > 0;
      const action = revoked
        ? 'skip'
        : !broken
          ? 'unchanged'
          : project.pullSecret.state === 'missing'
            ? 'create'
            : 'update';
      return [
        {
          namespace,
          secretName: project.pullSecret.name,
          owner: project.owner,
          action,
          reason: revoked
            ? `The keychain token of ${project.owner} is revoked: reconnect it first.`
            : broken
              ? 'Token differs from the keychain.'
              : 'Already up to date.',
          needsConsent: false,
          dryRun: action === 'update' || action === 'create' ? 'passed' : 'not-needed',
        } satisfies PlanItem,
      ];
    });
  }

  function run(plan: ResyncPlan): RunStatus {
    const runId = `run-${++ids}`;
    const items = plan.items;
    const results: RunItemResult[] = [];
    const counts = zeroCounts();
    const startedAt = new Date().toISOString();
    const progress = () => ({
      runId,
      planId: plan.planId,
      total: items.length,
      done: results.length,
      counts: { ...counts },
    });
    const first: RunStatus = { progress: { ...progress(), state: 'running', latest: [] } };
    runs.set(runId, first);
    const step = () => {
      const batch = items.slice(results.length, results.length + 5).map((item): RunItemResult => {
        const outcome: RunItemOutcome = failing.has(item.namespace)
          ? 'failed'
          : item.action === 'skip'
            ? 'skipped'
            : item.action === 'unchanged'
              ? 'unchanged'
              : item.action === 'create'
                ? 'created'
                : 'updated';
        counts[outcome] += 1;
        return {
          namespace: item.namespace,
          outcome,
          attempts: 1,
          ...(outcome === 'failed'
            ? { reason: 'Conflict after 5 attempts (409).' }
            : item.action === 'skip'
              ? { reason: item.reason }
              : {}),
        };
      });
      results.push(...batch);
      const finished = results.length >= items.length;
      const status: RunStatus = {
        progress: { ...progress(), state: finished ? 'finished' : 'running', latest: batch },
        ...(finished
          ? {
              report: {
                runId,
                planId: plan.planId,
                startedAt,
                finishedAt: new Date().toISOString(),
                state: 'finished',
                items: [...results],
                counts: { ...counts },
                restarts: [],
              },
            }
          : {}),
      };
      runs.set(runId, status);
      emit('onRunProgress', status.progress);
      if (finished)
        podsRecover(
          results.filter((r) => r.outcome === 'updated' || r.outcome === 'created').map((r) => r.namespace),
        );
      else setTimeout(step, stepMs);
    };
    setTimeout(step, stepMs);
    return first;
  }

  function newPlan(namespaces: readonly string[]): ResyncPlan {
    const items = planItems(namespaces);
    const totals = { create: 0, update: 0, recreate: 0, unchanged: 0, skip: 0 };
    for (const item of items) totals[item.action] += 1;
    const plan: ResyncPlan = {
      planId: `plan-${++ids}`,
      createdAt: new Date().toISOString(),
      options: { scope: { kind: 'namespaces', namespaces } },
      items,
      totals,
    };
    plans.set(plan.planId, plan);
    return plan;
  }

  const factory: EngineFactory = (hostServices) => {
    services = hostServices;
    return {
      probes: {
        cluster: async () => ({
          context: STUB_CONTEXT,
          server: 'https://stub.invalid:6443',
          reachable: true,
        }),
        keychain: async () => ({ available: true }),
      },
      handlers: {
        ...notImplementedEngineHandlers(),
        'projects.list': async () => ({
          context: STUB_CONTEXT,
          projects: [...projects.values()],
          listedAt: new Date().toISOString(),
        }),
        'projects.refresh': async () => ({
          context: STUB_CONTEXT,
          projects: [...projects.values()],
          listedAt: new Date().toISOString(),
        }),
        'projects.get': async ({ namespace }) => detail(namespace),
        'accounts.list': async () => options.accounts ?? [],
        'resync.plan': async ({ options: { scope } }) => {
          const all = [...projects.values()];
          const namespaces =
            scope.kind === 'all'
              ? all.map((project) => project.namespace)
              : scope.kind === 'owner'
                ? all
                    .filter((project) => project.owners.includes(scope.owner))
                    .map((project) => project.namespace)
                : scope.namespaces;
          return newPlan(namespaces);
        },
        'resync.apply': async ({ planId }) => {
          const plan = plans.get(planId);
          if (!plan) throw new DeskError('not-found', 'No such plan.');
          return run(plan).progress;
        },
        'resync.status': async ({ runId }) => {
          const status = runs.get(runId);
          if (!status) throw new DeskError('not-found', 'No such run.');
          return status;
        },
        'resync.retryFailed': async ({ runId }) => {
          const failed = runs.get(runId)?.report?.items.filter((item) => item.outcome === 'failed') ?? [];
          for (const item of failed) failing.delete(item.namespace); // the conflict is gone on the retry
          return run(newPlan(failed.map((item) => item.namespace))).progress;
        },
        'reconnect.start': async ({ host, login }) => {
          const reconnectId = `reconnect-${++ids}`;
          const base = { reconnectId, host, login };
          const set = (progress: ReconnectProgress) => {
            reconnects.set(reconnectId, progress);
            emit('onReconnectProgress', progress);
          };
          const first: ReconnectProgress = { ...base, stage: 'waiting-for-browser' };
          reconnects.set(reconnectId, first);
          waiting = () => {
            const stages = [
              'exchanging-code',
              'checking-identity',
              'checking-scopes',
              'storing-token',
              'resyncing',
              'restarting',
              'done',
            ] as const;
            stages.forEach((stage, index) =>
              setTimeout(
                () => {
                  set({ ...base, stage });
                  if (stage === 'restarting')
                    podsRecover(
                      [...projects.values()]
                        .filter((project) => project.owner === login)
                        .map((project) => project.namespace),
                    );
                },
                (index + 1) * stepMs,
              ),
            );
          };
          return first;
        },
        'reconnect.status': async ({ reconnectId }) => {
          const progress = reconnects.get(reconnectId);
          if (!progress) throw new DeskError('not-found', 'No such reconnect.');
          return progress;
        },
        'reconnect.cancel': async ({ reconnectId }) => {
          const progress = reconnects.get(reconnectId);
          if (!progress || progress.stage !== 'waiting-for-browser') return { cancelled: false };
          waiting = undefined;
          const cancelled: ReconnectProgress = { ...progress, stage: 'cancelled' };
          reconnects.set(reconnectId, cancelled);
          emit('onReconnectProgress', cancelled);
          return { cancelled: true };
        },
      },
    };
  };

  return {
    factory,
    approveReconnect: () => waiting?.(),
    podsRecover,
  };
}
