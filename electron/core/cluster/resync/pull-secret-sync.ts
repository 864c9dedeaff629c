import type { PlanAction, RunItemOutcome, RunItemResult } from '../../../../shared/domain/resync.ts';
import type { KubeClient } from '../kube-client.ts';
import {
  backOffMs,
  describeKubeFailure,
  failureKind,
  withTransientRetry,
  type RetryPolicy,
  type Sleep,
} from './kube-failure.ts';
import type { KubeSecret } from './kube-secret.ts';
import { decidePullSecret, type DecisionContext, type WriteAction } from './pull-secret-decision.ts';
import {
  addPullSecretReference,
  describeReference,
  type PullSecretReference,
} from './pull-secret-references.ts';
import type { ResyncTarget } from './resync-target.ts';
import { createSecret, deleteSecret, readSecret, updateSecret } from './secret-requests.ts';

export interface SyncItemInput {
  readonly client: KubeClient;
  readonly namespace: string;
  readonly target: ResyncTarget | undefined;
  /** As read by the run's LIST (undefined: none). */
  readonly current: KubeSecret | undefined;
  readonly plannedAction: PlanAction;
  readonly context: DecisionContext;
  /** The user consented to delete + create wrong-type or immutable secrets. */
  readonly allowRecreate: boolean;
  readonly references: readonly PullSecretReference[];
  readonly policy: RetryPolicy;
  readonly sleep: Sleep;
}

const WRITTEN: Readonly<Record<WriteAction, RunItemOutcome>> = {
  create: 'created',
  update: 'updated',
  recreate: 'recreated',
};

/**
 * Brings one namespace's pull secret to the planned state. Each write carries the resourceVersion it was
 * decided on; a 409 (or an object that vanished) means someone else wrote: re-read, decide again, write
 * again, at most `conflictAttempts` times. Transport failures and 5xx are retried with back-off; since such
 * a write may have landed unheard, the re-read decides (the same content counts as our write). Any other
 * refusal (403, 422, a 429 the client already waited out) ends the item with the API's reason. A recreate
 * deletes the exact version read, then creates; once the delete is done the create is retried to the end of
 * the budget, and a failure says that the namespace is left without the secret.
 */
export async function syncPullSecret(input: SyncItemInput): Promise<RunItemResult> {
  const { client, namespace, policy, context } = input;
  const secretName = context.secretName;
  let secret = input.current;
  let attempts = 0;
  let conflicts = 0;
  let transients = 0;
  let lastWrite: WriteAction | undefined;
  let uncertain = false;
  let deleted = false;
  const result = (outcome: RunItemOutcome, reason: string): RunItemResult => ({
    namespace,
    outcome,
    reason,
    attempts,
  });
  const failed = (reason: string) =>
    result(
      'failed',
      deleted
        ? `The old secret was deleted, but the new one could not be created, so ${namespace} has no ${secretName} now: ${reason}`
        : reason,
    );

  let outcome: RunItemOutcome;
  let reason: string;
  for (;;) {
    const decision = decidePullSecret(namespace, input.target, secret, context);
    if (decision.action === 'skip') return result('skipped', decision.reason);
    if (decision.action === 'unchanged') {
      outcome = uncertain && lastWrite ? WRITTEN[lastWrite] : 'unchanged';
      reason = uncertain ? `${decision.reason} (confirmed by reading it back)` : decision.reason;
      break;
    }
    if (input.plannedAction === 'unchanged')
      return result(
        'skipped',
        `The pull secret changed after the plan was made: plan again. (${decision.reason})`,
      );
    if (decision.action === 'recreate' && !input.allowRecreate)
      return result('skipped', `${decision.reason} Not done: recreating was not allowed.`);
    try {
      attempts += 1;
      lastWrite = decision.action;
      if (decision.action === 'update' && secret)
        await updateSecret(client, secret, decision.config, { dryRun: false });
      else {
        if (decision.action === 'recreate' && secret) {
          await deleteSecret(client, secret, { dryRun: false });
          deleted = true;
        }
        await createSecret(client, namespace, secretName, decision.config, {
          dryRun: false,
          ...(decision.action === 'recreate' && secret ? { from: secret } : {}),
        });
      }
      outcome = deleted ? 'recreated' : WRITTEN[decision.action];
      reason = decision.reason;
      break;
    } catch (error) {
      const kind = failureKind(error);
      if (kind === 'gone' && decision.action === 'create' && !secret)
        return failed(`The namespace is gone: ${describeKubeFailure(error)}`);
      if (kind === 'conflict' || kind === 'gone') {
        conflicts += 1;
        if (conflicts >= policy.conflictAttempts)
          return failed(
            `Another writer kept changing the pull secret (${conflicts} conflicts in a row): ${describeKubeFailure(error)}`,
          );
      } else if (kind === 'transient') {
        uncertain = true;
        transients += 1;
        if (transients > policy.transientAttempts)
          return failed(`Gave up after ${transients} attempts: ${describeKubeFailure(error)}`);
        await input.sleep(backOffMs(transients - 1, policy));
      } else return failed(describeKubeFailure(error));
      try {
        secret = await withTransientRetry(
          () => readSecret(client, namespace, secretName),
          policy,
          input.sleep,
        );
      } catch (readError) {
        if (failureKind(readError) !== 'gone')
          return failed(`Reading the pull secret back failed: ${describeKubeFailure(readError)}`);
        secret = undefined;
      }
      // After a delete of ours (heard or not) an absent secret is half a recreate: the create is what is left.
      deleted = secret === undefined && (deleted || (lastWrite === 'recreate' && uncertain));
    }
  }

  if (input.references.length === 0) return result(outcome, reason);
  const added: string[] = [];
  for (const reference of input.references) {
    try {
      attempts += 1;
      await withTransientRetry(
        () => addPullSecretReference(client, namespace, reference, secretName, { dryRun: false, policy }),
        policy,
        input.sleep,
      );
      added.push(describeReference(reference));
    } catch (error) {
      return {
        ...result(
          'failed',
          `The pull secret is ${outcome}, but ${describeReference(reference)} could not be made to list it: ${describeKubeFailure(error)}`,
        ),
        ...(added.length > 0 ? { referencesAdded: added } : {}),
      };
    }
  }
  return { ...result(outcome, reason), referencesAdded: added };
}
