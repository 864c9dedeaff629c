/**
 * The main side's implementation of the contract: one handler per call. Declaring a value of this type
 * without one of the calls is a compile error, so main can never register less (or more) than the contract.
 * `Context` is supplied by the main side (it carries an AbortSignal, a Node/DOM type shared/ cannot name).
 */
import type { ParsedCallInput } from './inputs.ts';
import type { CallName } from './names.ts';
import type { CallOutput } from './outputs.ts';

/** Fails by throwing `DeskError(code, message)`; anything else thrown becomes `internal`. */
export type CallHandler<K extends CallName, Context> = (
  input: ParsedCallInput<K>,
  context: Context,
) => Promise<CallOutput<K>>;

export type ContractHandlers<Context> = { readonly [K in CallName]: CallHandler<K, Context> };
