import type { KeychainStatus, Settings } from '../../../shared/domain/app.ts';
import type { Project, ProjectList } from '../../../shared/domain/cluster.ts';
import type { Account } from '../../../shared/domain/github.ts';
import { DeskError } from '../../../shared/contract/result.ts';
import { createFileAccountRecords } from '../github/account-records.ts';
import { githubEndpoints } from '../github/endpoints.ts';
import type { BrowserOpener } from '../github/loopback-oauth.ts';
import type { DeskHandlers } from '../contract/desk-handlers.ts';
import { toEngineError } from '../engine/engine-errors.ts';
import { createEngineServices } from '../engine/engine-services.ts';
import type { EngineParts } from '../engine/engine-parts.ts';
import type { PodMonitor } from '../cluster/pods/pod-monitor.ts';
import { createReconnects } from '../engine/reconnect-flow.ts';
import { vettedOpener } from '../engine/system-browser.ts';
import { createLogger } from '../log/logger.ts';
import { describeError } from '../log/secret-redactor.ts';
import { accountRecordsPath, createDefaultVault } from '../engine/profile-vault.ts';
import type { TokenVault } from '../vault/token-vault.ts';
import { VaultUnavailableError } from '../vault/token-vault.ts';
import type { EngineCallName } from './call-groups.ts';
import type { Engine, EngineFactory, HostServices, OAuthClientSecretStore } from './engine.ts';
import { keychainAdvice } from './keychain-probe.ts';

export interface ClusterEngineOptions extends EngineParts {
  /**
   * How the system browser is opened for GitHub logins (Electron: shell.openExternal; else xdg-open/open).
   * Only the configured GitHub's own pages ever reach it.
   */
  readonly openBrowser: BrowserOpener;
  /** Default: the OS keychain through keytar. */
  readonly vault?: TokenVault;
  readonly loginTimeoutMs?: number;
}

type EngineHandlers = Pick<DeskHandlers, EngineCallName>;

const log = createLogger('engine.panel');

/** Settings whose change makes the project list another one (other cluster, other rules). */
function listKey(settings: Settings): string {
  return JSON.stringify([
    settings.kubeconfigPath,
    settings.kubeContext,
    settings.registryUrl,
    settings.githubUrl,
    settings.namespaceLabelSelector,
    settings.namespaceNamePattern,
    settings.pullSecretName,
    settings.requiredScopes,
  ]);
}

/**
 * The engine behind the panel's contract: projects (audit, detail, pull check, restart), accounts, the
 * one-click reconnect and the bulk re-sync, on the services the CLI uses too. It publishes a projects
 * reset after every full audit and an upsert after a change to one project, account lists when they
 * change, reconnect and run progress, and (with a pod monitor) live pod batches.
 */
export function clusterEngine(options: ClusterEngineOptions): EngineFactory {
  return (host: HostServices): Engine => {
    const { events, settings } = host;
    const vault = options.vault ?? createDefaultVault();
    const services = createEngineServices({
      settings: () => settings.get(),
      vault,
      records: createFileAccountRecords(accountRecordsPath(host.profileDir)),
      openBrowser: vettedOpener(options.openBrowser, () => settings.get().githubUrl),
      activity: host.activity,
      ...(options.loginTimeoutMs ? { loginTimeoutMs: options.loginTimeoutMs } : {}),
    });
    let cached: { key: string; list: ProjectList; namespaces: ReadonlySet<string> } | undefined;
    let auditing: { key: string; promise: Promise<ProjectList> } | undefined;
    let login: AbortController | undefined;
    let monitor: { key: string; running: PodMonitor } | undefined;
    const NO_PROJECTS: ReadonlySet<string> = new Set();

    function remember(key: string, list: ProjectList): void {
      cached = { key, list, namespaces: new Set(list.projects.map((project) => project.namespace)) };
    }

    /** The watch's counts are newer than any LIST's: what the engine publishes carries them. */
    function withLiveCounts(projects: readonly Project[]): Project[] {
      return projects.map((project) => {
        const pods = monitor?.running.podCounts(project.namespace);
        return pods ? { ...project, pods } : project;
      });
    }

    const publishAccounts = async () => {
      try {
        events.emit('onAccountsChanged', await services.accounts.list());
      } catch (error) {
        log.warn('could not list accounts', { error: describeError(error) });
      }
    };
    const reconnects = createReconnects({
      services,
      activity: host.activity,
      emit: (progress) => events.emit('onReconnectProgress', progress),
      onAccountStored: () => void publishAccounts(),
    });

    function startPodMonitor(): void {
      if (!options.pods) return;
      const current = settings.get();
      const key = `${current.kubeconfigPath}\u0000${current.kubeContext}`;
      if (monitor?.key === key) return;
      void monitor?.running.stop();
      monitor = undefined;
      try {
        monitor = {
          key,
          running: options.pods({
            client: services.cluster.client(),
            projectNamespaces: () => cached?.namespaces ?? NO_PROJECTS,
            onBatch: (batch) => events.emit('onPodChanges', batch),
          }),
        };
      } catch (error) {
        log.warn('pod monitor not started', { error: describeError(error) });
      }
    }

    /** A full audit; concurrent callers share it. Publishes a reset. */
    function audit(): Promise<ProjectList> {
      const key = listKey(settings.get());
      if (auditing?.key === key) return auditing.promise;
      const promise = services
        .audit()
        .then(
          ({ list: audited, warnings }) => {
            for (const warning of warnings) log.warn('audit', { warning });
            const list = { ...audited, projects: withLiveCounts(audited.projects) };
            remember(key, list);
            events.emit('onProjectsChanged', {
              kind: 'reset',
              context: list.context,
              projects: list.projects,
            });
            startPodMonitor();
            return list;
          },
          (error: unknown) => {
            host.requestStatusRefresh();
            throw toEngineError(error);
          },
        )
        .finally(() => {
          if (auditing?.promise === promise) auditing = undefined;
        });
      auditing = { key, promise };
      return promise;
    }

    /** Re-reads one project (after a restart, a pull check) and publishes it as an upsert. */
    async function refreshProject(namespace: string, signal?: AbortSignal): Promise<Project> {
      const { list } = await services.audit({ namespace, ...(signal ? { signal } : {}) });
      const [project] = withLiveCounts(list.projects);
      if (cached && cached.list.context === list.context) {
        const others = cached.list.projects.filter((p) => p.namespace !== namespace);
        remember(cached.key, {
          ...cached.list,
          projects: project ? [...others, project].sort(byNamespace) : others,
        });
      }
      events.emit('onProjectsChanged', {
        kind: 'upsert',
        context: list.context,
        projects: project ? [project] : [],
        removed: project ? [] : [namespace],
      });
      if (!project)
        throw new DeskError(
          'not-found',
          `${namespace} is not a project of ${list.context}: no workload there pulls from the registry, or the namespace does not match Settings › projects.`,
        );
      return project;
    }

    const unsubscribeSettings = settings.subscribe((next, previous) => {
      if (listKey(next) === listKey(previous)) return;
      const hadList = cached !== undefined;
      cached = undefined;
      if (hadList) void audit().catch(() => undefined); // the UI shows the new context's projects unasked
    });
    const unsubscribeRuns = services.resync.subscribe((progress) => {
      events.emit('onRunProgress', progress);
      // The run changed secrets (and maybe restarted workloads): the list shows the result unasked.
      if (progress.state === 'finished' || progress.state === 'cancelled')
        void audit().catch(() => undefined);
    });

    function accountHost(hostName: string | undefined): void {
      const current = githubEndpoints(settings.get().githubUrl).host;
      if (hostName && hostName.toLowerCase() !== current.toLowerCase())
        throw new DeskError(
          'invalid-input',
          `Settings › GitHub URL points at ${current}, not ${hostName}: switch it there first.`,
        );
    }

    async function singleAccount(accounts: readonly Account[], login: string): Promise<Account> {
      const account = accounts[0];
      if (!account) throw new DeskError('not-found', `There is no account ${login} in the keychain.`);
      return account;
    }

    const handlers: EngineHandlers = {
      'projects.list': async () => {
        const key = listKey(settings.get());
        return cached?.key === key ? cached.list : audit();
      },
      'projects.refresh': () => audit(),
      'projects.get': async ({ namespace }, { signal }) => {
        const project = await refreshProject(namespace, signal);
        return services.projectDetail(project, signal);
      },
      'projects.pullCheck': async ({ namespace, image }, { signal }) => {
        const project = await refreshProject(namespace, signal);
        return services.pullCheck(project, image, signal);
      },
      'projects.restart': async ({ namespace, workloads }, { signal }) => {
        const results = await services.restart(namespace, workloads, signal);
        await refreshProject(namespace).catch(() => undefined);
        return results;
      },
      'accounts.list': () => services.accounts.list(),
      'accounts.login': async ({ host: hostName }, { signal }) => {
        accountHost(hostName);
        if (login) throw new DeskError('conflict', 'A GitHub login is already waiting for the browser.');
        const controller = new AbortController();
        login = controller;
        try {
          const account = await services.accounts.connect({
            selectAccount: true,
            signal: AbortSignal.any([signal, controller.signal]),
          });
          await publishAccounts();
          return account;
        } finally {
          login = undefined;
        }
      },
      'accounts.cancelLogin': async () => {
        if (!login) return { cancelled: false };
        login.abort();
        return { cancelled: true };
      },
      'accounts.addToken': async ({ host: hostName, token, confirmMissingScopes }) => {
        accountHost(hostName);
        const result = await services.accounts.addToken({ token, confirmMissingScopes });
        if (result.status === 'stored') {
          await publishAccounts();
          return { stored: true, account: result.account };
        }
        if (result.status === 'needs-confirmation')
          return { stored: false, login: result.login, health: result.health };
        throw new DeskError(
          result.health.state === 'rate-limited' ? 'rate-limited' : 'invalid-input',
          result.message,
        );
      },
      'accounts.remove': async ({ host: hostName, login: name }) => {
        const removed = await services.accounts.remove({ host: hostName, login: name });
        if (removed) await publishAccounts();
        return { removed };
      },
      'accounts.check': async ({ host: hostName, login: name }) => {
        const account = await singleAccount(
          await services.accounts.check({ host: hostName, login: name }),
          name,
        );
        await publishAccounts();
        return account;
      },
      'reconnect.start': async ({ host: hostName, login: name, resync }) =>
        reconnects.start({ host: hostName, login: name, resync }),
      'reconnect.cancel': async ({ reconnectId }) => ({ cancelled: reconnects.cancel(reconnectId) }),
      'reconnect.status': async ({ reconnectId }) => {
        const progress = reconnects.status(reconnectId);
        if (!progress) throw new DeskError('not-found', 'No such reconnect (it may have ended long ago).');
        return progress;
      },
      'resync.plan': ({ options: resyncOptions }, { signal }) => services.resync.plan(resyncOptions, signal),
      'resync.apply': ({ planId }) => services.resync.apply(planId),
      'resync.cancel': ({ runId }) => services.resync.cancel(runId),
      'resync.retryFailed': ({ runId }) => services.resync.retryFailed(runId),
      'resync.status': ({ runId }) => services.resync.status(runId),
    };

    const oauthClientSecret: OAuthClientSecretStore = {
      async isSet(githubUrl) {
        const clientId = settings.get().oauthClientId;
        if (!clientId) return false;
        return (await vault.getAppSecret(githubEndpoints(githubUrl).host, clientId)) !== undefined;
      },
      async set(githubUrl, secret) {
        const clientId = settings.get().oauthClientId;
        if (!clientId)
          throw new DeskError('invalid-input', 'Set the OAuth App client ID before its client secret.');
        await guarded(() => vault.setAppSecret(githubEndpoints(githubUrl).host, clientId, secret));
      },
      async clear(githubUrl) {
        const clientId = settings.get().oauthClientId;
        if (clientId) await guarded(() => vault.deleteAppSecret(githubEndpoints(githubUrl).host, clientId));
      },
    };

    return {
      handlers: guardAll(handlers),
      probes: {
        keychain: async (): Promise<KeychainStatus> => {
          try {
            await vault.listTokens();
            return { available: true };
          } catch (error) {
            return {
              available: false,
              problem:
                error instanceof VaultUnavailableError
                  ? error.message
                  : `${describeError(error)}. ${keychainAdvice()}`,
            };
          }
        },
      },
      oauthClientSecret,
      async close() {
        unsubscribeSettings();
        unsubscribeRuns();
        login?.abort();
        await reconnects.close();
        await monitor?.running.stop();
        await services.close();
      },
    };
  };
}

const byNamespace = (a: Project, b: Project) => a.namespace.localeCompare(b.namespace);

async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toEngineError(error);
  }
}

/** Every handler's failure leaves as a DeskError with the contract's code (keychain, login, kube…). */
function guardAll(handlers: EngineHandlers): EngineHandlers {
  const wrapped: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [
    string,
    (...args: unknown[]) => Promise<unknown>,
  ][])
    wrapped[name] = (...args: unknown[]) => guarded(() => handler(...args));
  return wrapped as EngineHandlers;
}
