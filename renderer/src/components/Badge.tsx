export type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

/** A state as a word and a colour; the word carries the meaning (colour alone would fail WCAG 1.4.1). */
export function Badge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
