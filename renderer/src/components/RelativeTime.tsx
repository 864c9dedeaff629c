import { useTranslation } from 'react-i18next';
import { useNow } from './use-now.ts';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** "3 minutes ago" in the UI language, the exact time on hover and for screen readers. */
export function RelativeTime({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  const now = useNow();
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return <span>—</span>;
  // Every time shown is of something past: one "in the future" only means the shared clock has not ticked
  // since it happened (it ticks every 30 s), so it reads "now".
  const seconds = Math.min(0, Math.round((at.getTime() - now) / 1000));
  const [unit, size] = UNITS.find(([, unitSeconds]) => Math.abs(seconds) >= unitSeconds) ?? ['second', 1];
  const text = new Intl.RelativeTimeFormat(i18n.language, { numeric: 'auto' }).format(
    Math.round(seconds / size),
    unit,
  );
  return (
    <time dateTime={iso} title={at.toLocaleString(i18n.language)}>
      {text}
    </time>
  );
}
