import type { RestartResult } from '../../../../shared/domain/cluster.ts';
import type { NewActivity } from '../../activity/activity-log.ts';

/** One activity entry for a batch of restarts (none when there was nothing to restart). */
export function restartActivity(context: string, results: readonly RestartResult[]): NewActivity | undefined {
  if (results.length === 0) return undefined;
  const restarted = results.filter((r) => r.outcome === 'restarted');
  const counts = new Map<string, number>();
  for (const result of results) counts.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
  const parts = [...counts].map(([outcome, count]) => `${count} ${outcome}`);
  const names = results.map((r) => `${r.namespace}/${r.kind}/${r.name}: ${r.outcome}`);
  return {
    context,
    action: 'restart',
    namespaces: [...new Set(results.map((r) => r.namespace))],
    outcome:
      restarted.length === results.length ? 'succeeded' : restarted.length === 0 ? 'failed' : 'partial',
    summary: `Rollout restart of ${results.length} workload${results.length === 1 ? '' : 's'} (${parts.join(', ')}): ${names.slice(0, 20).join('; ')}${names.length > 20 ? '; …' : ''}`,
  };
}
