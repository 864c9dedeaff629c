import { useTranslation } from 'react-i18next';
import type { RunItemOutcome, RunProgress } from '../../../shared/domain/resync.ts';

const SHOWN: readonly RunItemOutcome[] = [
  'created',
  'updated',
  'recreated',
  'unchanged',
  'skipped',
  'failed',
  'cancelled',
];

/** A native <progress> (no inline width under the CSP) and the counts per outcome so far. */
export function RunProgressBar({ progress }: { progress: RunProgress }) {
  const { t } = useTranslation();
  return (
    <div className="run-progress">
      <label>
        <span>{t('resync.progress', { done: progress.done, total: progress.total })}</span>
        <progress value={progress.done} max={Math.max(progress.total, 1)} />
      </label>
      <ul className="counts" aria-label={t('resync.countsLabel')}>
        {SHOWN.filter((outcome) => progress.counts[outcome] > 0).map((outcome) => (
          <li key={outcome} className={`count count-${outcome}`}>
            {t(`outcome.${outcome}`)}: {progress.counts[outcome]}
          </li>
        ))}
      </ul>
    </div>
  );
}
