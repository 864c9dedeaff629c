/** Runs at most `max` tasks at once; the rest wait in order. A finishing task hands its slot over directly. */
export function createConcurrencyLimit(max: number) {
  if (!Number.isInteger(max) || max < 1)
    throw new Error(`concurrency must be a positive integer, not ${max}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active < max) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}
