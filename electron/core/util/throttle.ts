/**
 * Calls `emit` at most once per `intervalMs` however often `touch` is called: the first touch emits at
 * once, later ones within the interval are folded into one trailing emit. `flush` emits now (the final
 * state) and stops the pending timer.
 */
export function createThrottle(emit: () => void, intervalMs: number) {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    last = performance.now();
    emit();
  };
  return {
    touch(): void {
      if (timer) return;
      const wait = last + intervalMs - performance.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    flush(): void {
      if (timer) clearTimeout(timer);
      fire();
    },
  };
}
