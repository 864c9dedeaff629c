/**
 * client-go's work queue, small: a key is queued at most once, processed by one worker at a time (a key
 * added while it is being processed is processed again afterwards), by at most `concurrency` workers.
 */
export class WorkQueue<K> {
  private readonly queue: K[] = [];
  private head = 0;
  private readonly queued = new Set<K>();
  private readonly active = new Set<K>();
  private readonly dirty = new Set<K>();
  private running = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private readonly handler: (key: K) => Promise<void>;
  private readonly concurrency: number;

  constructor(handler: (key: K) => Promise<void>, concurrency: number) {
    this.handler = handler;
    this.concurrency = concurrency;
  }

  get length(): number {
    return this.queued.size;
  }

  add(key: K): void {
    if (this.stopped) return;
    if (this.active.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.pump();
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.running === 0 && this.queued.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    this.head = 0;
    this.queued.clear();
    this.dirty.clear();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.head < this.queue.length) {
      const key = this.queue[this.head++] as K;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      this.queued.delete(key);
      this.active.add(key);
      this.running++;
      void this.handler(key)
        .catch(() => {
          // the handler reports its own errors; a rejection must not stop the queue
        })
        .finally(() => {
          this.running--;
          this.active.delete(key);
          if (this.dirty.delete(key)) this.add(key);
          this.pump();
          if (this.running === 0 && this.queued.size === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const resolve of waiters) resolve();
          }
        });
    }
  }
}
