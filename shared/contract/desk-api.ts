/** The renderer's view of the contract: what `window.desk` (IPC) and the serve-mode WebSocket both offer. */
import type { EventPayload } from './events.ts';
import type { CallInput } from './inputs.ts';
import type { CallName, EventName } from './names.ts';
import type { CallOutput } from './outputs.ts';
import type { Result } from './result.ts';

export interface DeskApi {
  invoke<K extends CallName>(call: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  /** Returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
