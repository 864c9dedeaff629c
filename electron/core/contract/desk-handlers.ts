import type { ContractHandlers } from '../../../shared/contract/handlers.ts';

/** What a handler learns about the call besides its input. */
export interface CallContext {
  readonly transport: 'ipc' | 'serve';
  /** Aborted when the caller goes away (window closed, socket dropped): long calls (a browser login) stop. */
  readonly signal: AbortSignal;
}

/** The main side's implementation of every call of the contract. */
export type DeskHandlers = ContractHandlers<CallContext>;
