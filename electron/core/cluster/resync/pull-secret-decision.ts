import type { TokenHealth } from '../../../../shared/domain/github.ts';
import { tokenFingerprint } from '../../github/token-fingerprint.ts';
import {
  DOCKER_CONFIG_JSON_KEY,
  DOCKER_CONFIG_JSON_TYPE,
  DOCKERCFG_KEY,
  otherRegistries,
  readPullSecretConfig,
  registryCredentials,
  sameJson,
  withRegistryEntry,
  type JsonObject,
} from '../docker-config.ts';
import type { KubeSecret } from './kube-secret.ts';
import type { ResyncTarget } from './resync-target.ts';

/** A keychain account as the decision sees it: its token (main process only) and that token's health. */
export interface ResyncAccount {
  readonly login: string;
  readonly token?: string;
  readonly health: TokenHealth;
  /** Set when the token must not be written whatever the options (e.g. it changed after the plan). */
  readonly unusable?: string;
}

export interface DecisionContext {
  /** `auths` key of the registry (`ghcr.io`, `127.0.0.1:5000`). */
  readonly registryHost: string;
  readonly secretName: string;
  /** Write tokens lacking required scopes (or whose scopes could not be checked). */
  readonly force: boolean;
  /** Keychain accounts of the GitHub host, by lower-case login. */
  readonly accounts: ReadonlyMap<string, ResyncAccount>;
}

export type WriteAction = 'create' | 'update' | 'recreate';

interface Described {
  /** The image owner ('' when there is none or several). */
  readonly owner: string;
  /** A sentence for people; never a token. */
  readonly reason: string;
}

export type PullSecretDecision =
  | (Described & { readonly action: 'skip'; readonly account?: string })
  | (Described & { readonly action: 'unchanged'; readonly account: string })
  | (Described & {
      readonly action: WriteAction;
      readonly account: string;
      /** The `.dockerconfigjson` to write (holds the token: never log or return it). */
      readonly config: JsonObject;
    });

const TOKEN_SHAPE = /^[A-Za-z0-9_]+$/;
const lower = (login: string) => login.toLowerCase();

/** The login the pull secret says it uses for the registry (`username`, or the user part of `auth`). */
export function secretUsername(secret: KubeSecret | undefined, registryHost: string): string | undefined {
  if (!secret) return undefined;
  const reading = readPullSecretConfig(secret);
  return reading.readable ? registryCredentials(reading.config, registryHost)?.username : undefined;
}

function skip(owner: string, reason: string, account?: string): PullSecretDecision {
  return { action: 'skip', owner, reason, ...(account ? { account } : {}) };
}

/** Why an account's token may not be written, or undefined when it may (`forced` notes an override). */
function tokenRefusal(
  account: ResyncAccount,
  force: boolean,
): { refused: string } | { forced?: string; token: string } {
  const { login, token, health } = account;
  if (account.unusable) return { refused: account.unusable };
  if (!token) return { refused: `The keychain holds no token for ${login}: reconnect ${login}.` };
  if (!TOKEN_SHAPE.test(token))
    return {
      refused: `The keychain item of ${login} does not hold a GitHub token (unexpected characters): reconnect ${login}.`,
    };
  if (health.login && lower(health.login) !== lower(login))
    return {
      refused: `The keychain token filed under ${login} belongs to ${health.login}: reconnect ${login}.`,
    };
  switch (health.state) {
    case 'ok':
      return { token };
    case 'revoked':
    case 'not-classic':
      return {
        refused: health.message ?? `The keychain token of ${login} is ${health.state}: reconnect it.`,
      };
    case 'missing-scopes': {
      const missing = health.missingScopes.join(', ');
      return force
        ? { token, forced: `Forced: the token of ${login} lacks ${missing}.` }
        : {
            refused: `The keychain token of ${login} lacks ${missing}: reconnect ${login} to grant them, or force the re-sync.`,
          };
    }
    case 'rate-limited':
    case 'unknown':
      return force
        ? {
            token,
            forced: `Forced: the token of ${login} could not be checked (${health.message ?? health.state}).`,
          }
        : {
            refused: `The keychain token of ${login} could not be checked: ${health.message ?? health.state}`,
          };
  }
}

function listed(keys: readonly string[]): string {
  return keys.length === 0 ? '' : ` Other registries kept: ${keys.join(', ')}.`;
}

/**
 * The re-sync's decision table for one namespace: which account's token goes in, and whether the pull
 * secret is created, updated, recreated (type change or immutable: needs consent), left unchanged (the
 * rewrite would produce the same document), or skipped with the reason. Pure: the caller reads the cluster
 * and the keychain.
 */
export function decidePullSecret(
  namespace: string,
  target: ResyncTarget | undefined,
  secret: KubeSecret | undefined,
  context: DecisionContext,
): PullSecretDecision {
  const { registryHost, secretName } = context;
  if (!target || target.owners.length === 0)
    return skip('', `Not a project: no workload in ${namespace} pulls from ${registryHost}.`);
  if (target.owners.length > 1)
    return skip(
      '',
      `Its images belong to several owners (${target.owners.join(', ')}): one owner's token is never ` +
        `written for another's images. Give each owner its own namespace.`,
    );
  const owner = target.owners[0] as string;
  if (secret?.metadata.deletionTimestamp)
    return skip(owner, `The pull secret ${secretName} is being deleted.`);

  const rightType = secret !== undefined && (secret.type ?? 'Opaque') === DOCKER_CONFIG_JSON_TYPE;
  const reading = secret ? readPullSecretConfig(secret) : undefined;
  const existing = reading?.readable ? registryCredentials(reading.config, registryHost) : undefined;

  // Whose token: the owner's account; else the account the secret names (a member pulling an org's images).
  const ownerAccount = context.accounts.get(lower(owner));
  const named = existing?.username;
  let account: ResyncAccount;
  let via = '';
  if (ownerAccount) {
    if (named && lower(named) !== lower(owner))
      return skip(
        owner,
        `The pull secret holds the credentials of ${named}, not of the image owner ${owner}: one login's ` +
          `credentials are never replaced by another's. Delete the secret or set its username to ${owner}, then re-sync.`,
      );
    account = ownerAccount;
  } else {
    const namedAccount = named ? context.accounts.get(lower(named)) : undefined;
    if (!namedAccount)
      return skip(
        owner,
        named && lower(named) !== lower(owner)
          ? `No GitHub account for ${owner} or ${named} (whom the pull secret names) in the keychain: connect ${named}.`
          : `No GitHub account for ${owner} in the keychain: connect ${owner}.`,
      );
    account = namedAccount;
    via = ` (the pull secret names ${account.login} as the account it uses for ${owner}'s images)`;
  }

  const verdict = tokenRefusal(account, context.force);
  if ('refused' in verdict) return skip(owner, verdict.refused, account.login);
  const forced = verdict.forced ? ` ${verdict.forced}` : '';
  const login = account.login;
  const who = `${login}'s token${via}`;

  if (!secret || !reading) {
    const config = withRegistryEntry({}, registryHost, login, verdict.token);
    return {
      action: 'create',
      owner,
      account: login,
      config,
      reason: `No pull secret ${secretName} yet: create it with ${who}.${forced}`,
    };
  }

  const base = reading.readable ? reading.config : {};
  const config = withRegistryEntry(base, registryHost, login, verdict.token);
  const kept = reading.readable ? listed(otherRegistries(base, registryHost)) : '';

  if (!rightType) {
    const dropped = Object.keys(secret.data ?? {}).filter(
      (key) => key !== DOCKER_CONFIG_JSON_KEY && key !== DOCKERCFG_KEY,
    );
    return {
      action: 'recreate',
      owner,
      account: login,
      config,
      reason:
        `The pull secret has type ${secret.type ?? 'Opaque'}, not ${DOCKER_CONFIG_JSON_TYPE}, and a type cannot ` +
        `change: delete it and create it again with ${who} (needs your consent).` +
        (dropped.length > 0 ? ` Its data keys ${dropped.join(', ')} are not kept.` : '') +
        (reading.readable
          ? kept
          : reading.absent
            ? ''
            : ` Its registry entries cannot be kept: ${reading.problem}.`) +
        forced,
    };
  }

  if (reading.readable && sameJson(reading.config, config))
    return {
      action: 'unchanged',
      owner,
      account: login,
      reason: `Already holds ${who} for ${registryHost}.`,
    };

  let what: string;
  if (!reading.readable)
    what =
      `The pull secret is malformed (${reading.problem}): rewrite it with ${who}.` +
      (reading.absent ? '' : " Other registries' entries cannot be kept: it cannot be parsed.");
  else if (reading.problem)
    what = `The pull secret is malformed (${reading.problem}): rewrite its "auths" with ${who}.${kept}`;
  else if (!existing) what = `The pull secret has no entry for ${registryHost}: add ${who}.${kept}`;
  else if (existing.password && existing.password !== verdict.token)
    what =
      `The entry for ${registryHost} holds another token (${tokenFingerprint(existing.password)}) than ` +
      `${login}'s in the keychain (${tokenFingerprint(verdict.token)}): write ${who}.${kept}`;
  else
    what = `The entry for ${registryHost} (under "${existing.key}") is incomplete or spelled differently: rewrite it with ${who}.${kept}`;

  if (secret.immutable)
    return {
      action: 'recreate',
      owner,
      account: login,
      config,
      reason:
        `${what} The secret is immutable: delete it and create it again, not immutable this time, so later ` +
        `re-syncs can update it in place (needs your consent).${forced}`,
    };
  return { action: 'update', owner, account: login, config, reason: `${what}${forced}` };
}
