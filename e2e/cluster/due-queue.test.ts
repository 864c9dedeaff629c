import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DueQueue } from './due-queue.ts';
import { WorkQueue } from './work-queue.ts';

describe('DueQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires keys in time order with one timer, skipping cancelled ones', () => {
    const fired: string[] = [];
    const queue = new DueQueue<string>((key) => fired.push(key));
    const now = Date.now();
    queue.schedule('c', now + 300);
    queue.schedule('a', now + 100);
    queue.schedule('b', now + 200);
    queue.schedule('x', now + 150);
    queue.cancel('x');
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['a']);
    vi.advanceTimersByTime(200);
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(0);
  });

  it('keeps the earlier time unless told to replace it', () => {
    const fired: string[] = [];
    const queue = new DueQueue<string>((key) => fired.push(key));
    const now = Date.now();
    queue.schedule('a', now + 100);
    queue.schedule('a', now + 500);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual(['a']);
    queue.schedule('a', now + 200);
    queue.schedule('a', now + 1000, true);
    vi.advanceTimersByTime(500);
    expect(fired).toEqual(['a']);
    vi.advanceTimersByTime(500);
    expect(fired).toEqual(['a', 'a']);
  });

  it('orders many keys correctly', () => {
    const fired: number[] = [];
    const queue = new DueQueue<number>((key) => fired.push(key));
    const now = Date.now();
    const order = Array.from({ length: 500 }, (_, i) => (i * 7919) % 500);
    for (const key of order) queue.schedule(key, now + key);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });
});

describe('WorkQueue', () => {
  it('bounds concurrency, dedupes queued keys and reprocesses a key added while it runs', async () => {
    let running = 0;
    let peak = 0;
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const queue = new WorkQueue<string>(async (key) => {
      running++;
      peak = Math.max(peak, running);
      seen.push(key);
      if (key === 'a' && seen.filter((k) => k === 'a').length === 1) await gate;
      await Promise.resolve();
      running--;
    }, 2);
    queue.add('a');
    queue.add('b');
    queue.add('c');
    queue.add('c');
    queue.add('a'); // 'a' is running: processed again afterwards
    release();
    await queue.idle();
    expect(peak).toBe(2);
    expect(seen.filter((k) => k === 'c')).toHaveLength(1);
    expect(seen.filter((k) => k === 'a')).toHaveLength(2);
  });
});
