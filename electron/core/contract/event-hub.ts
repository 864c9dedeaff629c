import type { AnyEvent, EventPayload } from '../../../shared/contract/events.ts';
import type { EventName } from '../../../shared/contract/names.ts';
import { createLogger } from '../log/logger.ts';

const log = createLogger('events');

export type EventListener = (event: AnyEvent) => void;

/**
 * Where the services publish the contract's events and the transports pick them up (IPC sends them to the
 * window, serve mode to every authenticated socket, the shell feeds tray and notifications from them).
 */
export interface EventHub {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      const event = { name, payload } as AnyEvent;
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          // One broken subscriber (a closed window) must not keep the others from their events.
          log.warn('event listener failed', { event: name, error: String(error) });
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
