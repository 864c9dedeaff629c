import type { CallInput } from '../../../shared/contract/inputs.ts';
import type { CallName } from '../../../shared/contract/names.ts';
import type { CallOutput } from '../../../shared/contract/outputs.ts';
import { DeskError } from '../../../shared/contract/result.ts';
import type { DeskClient } from '../transport/desk-client.ts';

/** For query and mutation functions: the data, or a thrown DeskError TanStack Query keeps as `error`. */
export async function callOrThrow<K extends CallName>(
  client: DeskClient,
  call: K,
  input: CallInput<K>,
): Promise<CallOutput<K>> {
  const result = await client.invoke(call, input);
  if (!result.ok) throw new DeskError(result.error.code, result.error.message);
  return result.data;
}
