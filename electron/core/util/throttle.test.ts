import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThrottle } from './throttle.ts';

describe('throttle', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits the first touch at once and folds the rest of an interval into one trailing emit', () => {
    const emit = vi.fn();
    const throttle = createThrottle(emit, 100);
    throttle.touch();
    expect(emit).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i += 1) throttle.touch();
    expect(emit).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(emit).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000);
    expect(emit).toHaveBeenCalledTimes(2); // nothing new, nothing sent
  });

  it('keeps a steady stream of touches to one emit per interval', () => {
    const emit = vi.fn();
    const throttle = createThrottle(emit, 100);
    for (let ms = 0; ms < 1000; ms += 5) {
      throttle.touch();
      vi.advanceTimersByTime(5);
    }
    expect(emit.mock.calls.length).toBeGreaterThanOrEqual(9);
    expect(emit.mock.calls.length).toBeLessThanOrEqual(11);
  });

  it('flush emits now and cancels the pending trailing emit', () => {
    const emit = vi.fn();
    const throttle = createThrottle(emit, 100);
    throttle.touch();
    throttle.touch();
    throttle.flush();
    expect(emit).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(500);
    expect(emit).toHaveBeenCalledTimes(2);
  });
});
