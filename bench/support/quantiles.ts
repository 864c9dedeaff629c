/** Median, p95 and max of a sample (nearest rank), rounded to 0.1; undefined when empty. */
export function quantiles(
  values: readonly number[],
): { median: number; p95: number; max: number; count: number } | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { median: round(at(0.5)), p95: round(at(0.95)), max: round(at(1)), count: sorted.length };
}
