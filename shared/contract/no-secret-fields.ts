/**
 * A compile-time guard: no output or event type may have a field named like a credential. It cannot see a
 * token smuggled into a `message` string — the payload-walking e2e test covers values — but it stops the
 * easy mistake of adding `token` to a type that crosses the contract.
 */
import type { EventPayloads } from './events.ts';
import type { EventName, CallName } from './names.ts';
import type { CallOutputs } from './outputs.ts';

export type CredentialFieldName =
  | 'token'
  | 'accessToken'
  | 'refreshToken'
  | 'password'
  | 'secret'
  | 'clientSecret'
  | 'auth'
  | 'authorization'
  | '.dockerconfigjson'
  | 'dockerconfigjson'
  | 'codeVerifier';

/** The credential-like field names reachable in T (never when there is none). */
export type CredentialFields<T> = T extends readonly (infer Item)[]
  ? CredentialFields<Item>
  : T extends object
    ? { [K in keyof T]-?: K extends CredentialFieldName ? K : CredentialFields<T[K]> }[keyof T]
    : never;

type AssertNever<T extends never> = T;

/** Fails to compile, naming the field, when an output or event type gains a credential-like field. */
export type ContractCarriesNoCredentialFields = AssertNever<
  CredentialFields<CallOutputs[CallName] | EventPayloads[EventName]>
>;
