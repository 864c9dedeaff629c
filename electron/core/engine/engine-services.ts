import type { Settings } from '../../../shared/domain/app.ts';
import type { Project, ProjectDetail, RestartResult } from '../../../shared/domain/cluster.ts';
import type { PullCheckResult } from '../../../shared/domain/github.ts';
import { DeskError } from '../../../shared/contract/result.ts';
import type { ActivityLog } from '../activity/activity-log.ts';
import { createClusterAccess, type ClusterAccess } from '../cluster/cluster-access.ts';
import type { KubeClientOptions } from '../cluster/kube-client.ts';
import { KubeApiError } from '../cluster/kube-errors.ts';
import type { SecretObject } from '../cluster/kube-objects.ts';
import { imageSource } from '../cluster/projects/image-reference.ts';
import { auditProjects, findProjects, type ProjectAudit } from '../cluster/projects/project-audit.ts';
import { readProjectDetail } from '../cluster/projects/project-detail.ts';
import { readPullSecret } from '../cluster/projects/pull-secret-content.ts';
import { restartActivity } from '../cluster/restart/restart-activity.ts';
import { restartStuckWorkloads } from '../cluster/restart/stuck-workloads.ts';
import { restartWorkloads, type WorkloadName } from '../cluster/restart/workload-restart.ts';
import { createAccountService, type AccountService } from '../github/account-service.ts';
import type { AccountRecordStore } from '../github/account-records.ts';
import { githubEndpoints, registryEndpoint } from '../github/endpoints.ts';
import type { BrowserOpener } from '../github/loopback-oauth.ts';
import { createLogger } from '../log/logger.ts';
import { describeError } from '../log/secret-redactor.ts';
import type { TokenVault } from '../vault/token-vault.ts';
import type { ResyncOptions, ResyncPlan, RunProgress } from '../../../shared/domain/resync.ts';
import { createResyncService, type ResyncService } from '../cluster/resync/resync-service.ts';

export interface EngineServicesOptions {
  readonly settings: () => Settings;
  readonly vault: TokenVault;
  readonly records: AccountRecordStore;
  readonly openBrowser: BrowserOpener;
  readonly activity: ActivityLog;
  readonly kubeClient?: KubeClientOptions;
  readonly loginTimeoutMs?: number;
  readonly now?: () => number;
}

/** An audit, plus what could not be judged (no keychain: staleness unknown). */
export interface EngineAudit extends ProjectAudit {
  readonly warnings: readonly string[];
}

/**
 * The re-sync as the panel, the CLI and the reconnect use it: plans over the projects found now, progress
 * fanned out to every listener.
 */
export interface EngineResync extends Omit<ResyncService, 'plan'> {
  /** Finds the context's projects (five LISTs), then plans over them. */
  plan(options: ResyncOptions, signal?: AbortSignal): Promise<ResyncPlan>;
  /** Every progress of every run; returns the unsubscribe function. */
  subscribe(listener: (progress: RunProgress) => void): () => void;
}

/**
 * The engine's parts, composed once for the CLI and the panel alike: accounts (GitHub side), the kube
 * client of the active context, audits, restarts (each logged in the activity log), pull checks, project
 * details, and the re-sync service with the hooks it needs.
 */
export interface EngineServices {
  readonly accounts: AccountService;
  readonly cluster: ClusterAccess;
  readonly resync: EngineResync;
  readonly vault: TokenVault;
  settings(): Settings;
  /** Every project of the active context (or one namespace's) with pull secrets and tokens judged. */
  audit(options?: { readonly namespace?: string; readonly signal?: AbortSignal }): Promise<EngineAudit>;
  /** Restarts the given workloads (default: all that pull from the registry); one activity entry. */
  restart(
    namespace: string,
    workloads?: readonly WorkloadName[],
    signal?: AbortSignal,
  ): Promise<RestartResult[]>;
  /** Restarts the workloads stuck on pull errors of these namespaces; one activity entry when any. */
  restartStuck(namespaces: readonly string[], signal?: AbortSignal): Promise<RestartResult[]>;
  pullCheck(project: Project, image?: string, signal?: AbortSignal): Promise<PullCheckResult>;
  projectDetail(project: Project, signal?: AbortSignal): Promise<ProjectDetail>;
  close(): Promise<void>;
}

const log = createLogger('engine');

export function createEngineServices(options: EngineServicesOptions): EngineServices {
  const { settings, vault, activity } = options;
  const now = options.now ?? Date.now;
  const accounts = createAccountService({
    settings: () => {
      const current = settings();
      return {
        githubUrl: current.githubUrl,
        registryUrl: current.registryUrl,
        requiredScopes: current.requiredScopes,
        oauthClientId: current.oauthClientId,
      };
    },
    vault,
    records: options.records,
    openBrowser: options.openBrowser,
    now,
    ...(options.loginTimeoutMs ? { loginTimeoutMs: options.loginTimeoutMs } : {}),
  });
  const cluster = createClusterAccess(settings, options.kubeClient);
  const registryHost = () => registryEndpoint(settings().registryUrl).host;

  async function record(results: readonly RestartResult[]): Promise<void> {
    const entry = restartActivity(cluster.client().context, results);
    if (entry) await activity.append(entry);
  }

  async function restartStuck(namespaces: readonly string[], signal?: AbortSignal): Promise<RestartResult[]> {
    const results = await restartStuckWorkloads(
      cluster.client(),
      { namespaces, registryHost: registryHost(), ...(signal ? { signal } : {}) },
      { now },
    );
    await record(results);
    return results;
  }

  const progressListeners = new Set<(progress: RunProgress) => void>();
  const port = createResyncService({
    kube: () => cluster.client(),
    accounts,
    settings,
    activity,
    onProgress: (progress) => {
      for (const listener of progressListeners) listener(progress);
    },
    restartStuck: (namespaces) => restartStuck(namespaces),
  });
  const resync: EngineResync = {
    async plan(resyncOptions, signal) {
      return port.plan(resyncOptions, await findProjects(cluster.client(), settings(), signal));
    },
    apply: (planId, overrides) => port.apply(planId, overrides),
    cancel: (runId) => port.cancel(runId),
    retryFailed: (runId) => port.retryFailed(runId),
    status: (runId) => port.status(runId),
    report: (runId) => port.report(runId),
    subscribe(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
  };

  const services: EngineServices = {
    accounts,
    cluster,
    vault,
    settings,
    resync,

    async audit(auditOptions = {}) {
      const warnings: string[] = [];
      const current = settings();
      const host = githubEndpoints(current.githubUrl).host.toLowerCase();
      const result = await auditProjects({
        client: cluster.client(),
        settings: current,
        now,
        auditTokens: (tokens) => accounts.auditTokens(tokens),
        keychainFingerprints: async () => {
          try {
            const known = await accounts.list();
            return new Map(
              known
                .filter((a) => a.host.toLowerCase() === host)
                .map((a) => [a.login.toLowerCase(), a.fingerprint]),
            );
          } catch (error) {
            warnings.push(
              `Could not read the keychain, so stale pull secrets cannot be told apart: ${describeError(error)}`,
            );
            return new Map<string, string>();
          }
        },
        ...(auditOptions.namespace ? { namespace: auditOptions.namespace } : {}),
        ...(auditOptions.signal ? { signal: auditOptions.signal } : {}),
      });
      return { ...result, warnings };
    },

    async restart(namespace, workloads, signal) {
      let targets = workloads;
      if (!targets) {
        const { list } = await services.audit({ namespace, ...(signal ? { signal } : {}) });
        const project = list.projects[0];
        if (!project)
          throw new DeskError(
            'not-found',
            `${namespace} is not a project (no workload pulls from ${registryHost()}).`,
          );
        targets = project.workloads.map(({ kind, name }) => ({ kind, name }));
      }
      const results = await restartWorkloads(
        cluster.client(),
        targets.map((workload) => ({ namespace, workload })),
        { now, ...(signal ? { signal } : {}) },
      );
      await record(results);
      log.info('restart', { namespace, outcomes: results.map((r) => r.outcome) });
      return results;
    },

    restartStuck,

    async pullCheck(project, image, signal) {
      const target = image ?? project.images[0];
      const source = imageSource(target);
      if (!target || !source)
        throw new DeskError('invalid-input', `"${target ?? ''}" is not an image reference.`);
      if (source.registry !== registryHost())
        throw new DeskError(
          'invalid-input',
          `${target} is not on the registry ${registryHost()} (Settings › registry URL).`,
        );
      let secret: SecretObject | undefined;
      try {
        secret = await cluster.client().request<SecretObject>({
          path: `/api/v1/namespaces/${project.namespace}/secrets/${settings().pullSecretName}`,
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (!(error instanceof KubeApiError && error.status === 404)) throw error;
      }
      const content = secret ? readPullSecret(secret, registryHost()) : undefined;
      return accounts.checkPull({
        repository: source.repository,
        ...(content?.kind === 'ok'
          ? { credentials: { username: content.username, password: content.password } }
          : {}),
      });
    },

    projectDetail: (project, signal) => readProjectDetail(cluster.client(), project, signal),

    async close() {
      progressListeners.clear();
      await cluster.close();
    },
  };
  return services;
}
