import { useTranslation } from 'react-i18next';
import type { RestartResult } from '../../../shared/domain/cluster.ts';
import { Badge } from '../components/Badge.tsx';

/** Per workload: restarted, or why not (paused, forbidden…). */
export function RestartResults({ results }: { results: readonly RestartResult[] }) {
  const { t } = useTranslation();
  if (results.length === 0) return <p className="notice notice-neutral">{t('restart.nothing')}</p>;
  // A run restarts workloads of many namespaces, often with the same name ("web"): say whose.
  const manyNamespaces = new Set(results.map((result) => result.namespace)).size > 1;
  return (
    <ul className="notice notice-neutral plain-list" aria-label={t('restart.results')}>
      {results.map((result) => (
        <li key={`${result.namespace}/${result.kind}/${result.name}`}>
          <Badge tone={result.outcome === 'restarted' ? 'ok' : 'bad'}>{t(`restart.${result.outcome}`)}</Badge>{' '}
          {manyNamespaces && <span className="mono">{result.namespace} · </span>}
          {result.kind}/{result.name}
          {result.reason && <span className="text-muted"> — {result.reason}</span>}
        </li>
      ))}
    </ul>
  );
}
