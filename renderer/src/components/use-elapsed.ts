import { useEffect, useState } from 'react';

/** True once `ms` have passed since mount: "still waiting" hints instead of a spinner forever. */
export function useElapsed(ms: number): boolean {
  const [elapsed, setElapsed] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setElapsed(true), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return elapsed;
}
