/**
 * Keys due at a time, with a single timer for all of them: thousands of pods in back-off must not mean
 * thousands of timers. A key has at most one due time; scheduling it again keeps the earlier one unless
 * `replace` is set.
 */
export class DueQueue<K> {
  private readonly heap: { key: K; at: number }[] = [];
  private readonly dueAt = new Map<K, number>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private readonly onDue: (key: K) => void;
  private readonly now: () => number;
  private stopped = false;

  constructor(onDue: (key: K) => void, now: () => number = Date.now) {
    this.onDue = onDue;
    this.now = now;
  }

  get size(): number {
    return this.dueAt.size;
  }

  schedule(key: K, at: number, replace = false): void {
    if (this.stopped) return;
    const current = this.dueAt.get(key);
    if (current !== undefined && current <= at && !replace) return;
    this.dueAt.set(key, at);
    this.push({ key, at });
    this.arm();
  }

  cancel(key: K): void {
    this.dueAt.delete(key); // its heap entry becomes stale and is skipped
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.heap.length = 0;
    this.dueAt.clear();
  }

  private arm(): void {
    const head = this.heap[0];
    if (!head || head.at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = head.at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, head.at - this.now()));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.now();
    for (let head = this.heap[0]; head && head.at <= now; head = this.heap[0]) {
      this.pop();
      if (this.dueAt.get(head.key) !== head.at) continue; // cancelled or rescheduled
      this.dueAt.delete(head.key);
      this.onDue(head.key);
    }
    this.arm();
  }

  private push(item: { key: K; at: number }): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as { at: number }).at <= item.at) break;
      heap[i] = heap[parent] as { key: K; at: number };
      i = parent;
    }
    heap[i] = item;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && (heap[right] as { at: number }).at < (heap[left] as { at: number }).at
          ? right
          : left;
      if ((heap[child] as { at: number }).at >= last.at) break;
      heap[i] = heap[child] as { key: K; at: number };
      i = child;
    }
    heap[i] = last;
  }
}
