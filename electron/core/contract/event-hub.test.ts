import { describe, expect, it } from 'vitest';
import type { AnyEvent } from '../../../shared/contract/events.ts';
import { setLogSink } from '../log/logger.ts';
import { createEventHub } from './event-hub.ts';

const batch = {
  context: 'c',
  sequence: 1,
  initial: false,
  projectPods: {},
  upserted: [],
  removed: [],
  events: [],
};

describe('event hub', () => {
  it('delivers to every subscriber until it unsubscribes, even when one throws', () => {
    const hub = createEventHub();
    const seen: AnyEvent[] = [];
    const previous = setLogSink(() => undefined);
    try {
      hub.subscribe(() => {
        throw new Error('window gone');
      });
      const unsubscribe = hub.subscribe((event) => seen.push(event));
      hub.emit('onPodChanges', batch);
      unsubscribe();
      hub.emit('onPodChanges', { ...batch, sequence: 2 });
    } finally {
      setLogSink(previous);
    }
    expect(seen).toEqual([{ name: 'onPodChanges', payload: batch }]);
  });
});
