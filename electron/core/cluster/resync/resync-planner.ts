import type { PlanAction, PlanItem, ResyncOptions, ResyncPlan } from '../../../../shared/domain/resync.ts';
import { createConcurrencyLimit } from '../../util/concurrency-limit.ts';
import type { KubeClient } from '../kube-client.ts';
import { loadAccounts, type CheckedAccount, type ResyncAccounts } from './keychain-accounts.ts';
import { describeKubeFailure, withTransientRetry, type RetryPolicy, type Sleep } from './kube-failure.ts';
import type { KubeSecret } from './kube-secret.ts';
import {
  decidePullSecret,
  secretUsername,
  type DecisionContext,
  type PullSecretDecision,
} from './pull-secret-decision.ts';
import {
  addPullSecretReference,
  describeReference,
  listsSecret,
  type PullSecretReference,
  type ServiceAccountLike,
} from './pull-secret-references.ts';
import type { ResyncTarget } from './resync-target.ts';
import { createSecret, deleteSecret, updateSecret } from './secret-requests.ts';

/** Settings a plan is made with and applied with, even if the settings change in between. */
export interface PlanSettings {
  readonly secretName: string;
  /** `auths` key of the registry, from the registry URL setting (`ghcr.io`, `127.0.0.1:5000`). */
  readonly registryHost: string;
  /** GitHub host whose keychain accounts supply the tokens. */
  readonly githubHost: string;
}

/** A plan and what applying it needs; no token and no secret data in here. */
export interface StoredPlan {
  readonly plan: ResyncPlan;
  /** The cluster (kube context) the plan was made for. */
  readonly client: KubeClient;
  readonly settings: PlanSettings;
  readonly targets: ReadonlyMap<string, ResyncTarget>;
  /** The accounts whose tokens the plan checked, by lower-case login. */
  readonly accounts: ReadonlyMap<string, CheckedAccount>;
  /** Per namespace, what should come to list the pull secret (addReferences). */
  readonly references: ReadonlyMap<string, readonly PullSecretReference[]>;
}

export interface PlanInput {
  readonly planId: string;
  readonly client: KubeClient;
  readonly accounts: ResyncAccounts;
  readonly settings: PlanSettings;
  readonly options: ResyncOptions;
  readonly targets: readonly ResyncTarget[];
  readonly concurrency: number;
  readonly policy: RetryPolicy;
  readonly sleep: Sleep;
}

const DEFAULT_SERVICE_ACCOUNT = 'default';
const lower = (login: string) => login.toLowerCase();

/** The namespaces a scope covers, in the caller's order; listed namespaces that are no project stay in (skipped). */
function namespacesInScope(
  options: ResyncOptions,
  targets: ReadonlyMap<string, ResyncTarget>,
  usernameOf: (namespace: string) => string | undefined,
): string[] {
  const scope = options.scope;
  switch (scope.kind) {
    case 'all':
      return [...targets.keys()];
    case 'owner': {
      const owner = lower(scope.owner);
      // The owner's projects, and those whose pull secret names the owner (a member pulling an org's images).
      return [...targets.values()]
        .filter(
          (target) =>
            target.owners.some((o) => lower(o) === owner) ||
            lower(usernameOf(target.namespace) ?? '') === owner,
        )
        .map((target) => target.namespace);
    }
    case 'namespaces':
      return [...new Set(scope.namespaces)];
  }
}

/** Every write of an item, as a server-side dry run: passed, or the first refusal with the API's message. */
async function dryRun(
  input: PlanInput,
  namespace: string,
  decision: PullSecretDecision,
  secret: KubeSecret | undefined,
  references: readonly PullSecretReference[],
  serviceAccount: ServiceAccountLike | undefined,
): Promise<Pick<PlanItem, 'dryRun' | 'dryRunMessage'>> {
  const { client, policy, sleep, settings } = input;
  const mode = { dryRun: true } as const;
  const steps: [string, () => Promise<unknown>][] = [];
  if (decision.action === 'create')
    steps.push([
      'Creating the secret',
      () => createSecret(client, namespace, settings.secretName, decision.config, mode),
    ]);
  if (decision.action === 'update' && secret)
    steps.push(['Updating the secret', () => updateSecret(client, secret, decision.config, mode)]);
  if (decision.action === 'recreate' && secret) {
    steps.push(['Deleting the old secret', () => deleteSecret(client, secret, mode)]);
    steps.push([
      'Creating the new secret',
      () =>
        createSecret(client, namespace, settings.secretName, decision.config, {
          ...mode,
          from: secret,
          generateName: true,
        }),
    ]);
  }
  for (const reference of references)
    steps.push([
      `Adding the reference to ${describeReference(reference)}`,
      () =>
        addPullSecretReference(client, namespace, reference, settings.secretName, {
          ...mode,
          policy,
          ...(serviceAccount && reference.kind === 'ServiceAccount' ? { known: serviceAccount } : {}),
        }),
    ]);
  if (steps.length === 0) return { dryRun: 'not-needed' };
  for (const [what, step] of steps) {
    try {
      await withTransientRetry(step, policy, sleep);
    } catch (error) {
      return { dryRun: 'failed', dryRunMessage: `${what} would fail: ${describeKubeFailure(error)}` };
    }
  }
  return { dryRun: 'passed' };
}

/**
 * Plans a re-sync: one cluster-wide paginated LIST of the pull secrets (never a request per namespace), the
 * keychain accounts involved with one scope check per distinct token, a decision per namespace, and a
 * server-side dry run of every write (bounded concurrency). The plan holds no secret values.
 */
export async function buildPlan(input: PlanInput): Promise<StoredPlan> {
  const { client, settings, options, policy, sleep } = input;
  const secrets = await withTransientRetry(
    () =>
      client.list<KubeSecret>('/api/v1/secrets', {
        fieldSelector: `metadata.name=${settings.secretName}`,
      }),
    policy,
    sleep,
  );
  const secretOf = new Map(secrets.items.map((secret) => [secret.metadata.namespace, secret]));
  const usernameOf = (namespace: string) => secretUsername(secretOf.get(namespace), settings.registryHost);

  const allTargets = new Map(input.targets.map((target) => [target.namespace, target]));
  const namespaces = namespacesInScope(options, allTargets, usernameOf);
  const targets = new Map(
    namespaces.flatMap((namespace) => {
      const target = allTargets.get(namespace);
      return target ? [[namespace, target] as const] : [];
    }),
  );

  const logins = new Set<string>();
  for (const namespace of namespaces) {
    const owners = targets.get(namespace)?.owners ?? [];
    if (owners.length === 1) logins.add(owners[0] as string);
    const named = usernameOf(namespace);
    if (named) logins.add(named);
  }
  const accounts = await loadAccounts(input.accounts, settings.githubHost, logins);
  const context: DecisionContext = {
    registryHost: settings.registryHost,
    secretName: settings.secretName,
    force: options.force ?? false,
    accounts,
  };
  const decisions = namespaces.map((namespace) => ({
    namespace,
    decision: decidePullSecret(namespace, targets.get(namespace), secretOf.get(namespace), context),
  }));

  const references = new Map<string, PullSecretReference[]>();
  const serviceAccounts = new Map<string, ServiceAccountLike>();
  if (options.addReferences && decisions.some(({ decision }) => decision.action !== 'skip')) {
    const listed = await withTransientRetry(
      () =>
        client.list<ServiceAccountLike>('/api/v1/serviceaccounts', {
          fieldSelector: `metadata.name=${DEFAULT_SERVICE_ACCOUNT}`,
        }),
      policy,
      sleep,
    );
    for (const account of listed.items) serviceAccounts.set(account.metadata.namespace, account);
    for (const { namespace, decision } of decisions) {
      if (decision.action === 'skip') continue;
      const wanted: PullSecretReference[] = (targets.get(namespace)?.workloads ?? [])
        .filter((workload) => !workload.referencesPullSecret)
        .map((workload) => ({ kind: workload.kind, name: workload.name }));
      const account = serviceAccounts.get(namespace);
      if (account && !listsSecret(account, settings.secretName))
        wanted.push({ kind: 'ServiceAccount', name: DEFAULT_SERVICE_ACCOUNT });
      if (wanted.length > 0) references.set(namespace, wanted);
    }
  }

  const limit = createConcurrencyLimit(input.concurrency);
  const items = await Promise.all(
    decisions.map(({ namespace, decision }) =>
      limit(async (): Promise<PlanItem> => {
        const wanted = references.get(namespace) ?? [];
        const checked = await dryRun(
          input,
          namespace,
          decision,
          secretOf.get(namespace),
          wanted,
          serviceAccounts.get(namespace),
        );
        return {
          namespace,
          secretName: settings.secretName,
          owner: decision.owner,
          action: decision.action,
          reason: decision.reason,
          needsConsent: decision.action === 'recreate',
          ...(decision.account ? { account: decision.account } : {}),
          ...(wanted.length > 0 ? { references: wanted.map(describeReference) } : {}),
          ...checked,
        };
      }),
    ),
  );

  const totals: Record<PlanAction, number> = { create: 0, update: 0, recreate: 0, unchanged: 0, skip: 0 };
  for (const item of items) totals[item.action] += 1;
  const checkedAccounts = new Map<string, CheckedAccount>(
    [...accounts].map(([key, { login, fingerprint, health }]) => [key, { login, fingerprint, health }]),
  );
  return {
    plan: { planId: input.planId, createdAt: new Date().toISOString(), options, items, totals },
    client,
    settings,
    targets,
    accounts: checkedAccounts,
    references,
  };
}
