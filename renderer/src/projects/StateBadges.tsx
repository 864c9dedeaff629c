import { useTranslation } from 'react-i18next';
import type { PullSecretState } from '../../../shared/domain/cluster.ts';
import type { TokenHealthState } from '../../../shared/domain/github.ts';
import { Badge, type Tone } from '../components/Badge.tsx';

const HEALTH_TONE: Record<TokenHealthState, Tone> = {
  ok: 'ok',
  'missing-scopes': 'bad',
  revoked: 'bad',
  'not-classic': 'bad',
  'rate-limited': 'neutral',
  unknown: 'neutral',
};

const SECRET_TONE: Record<PullSecretState, Tone> = {
  ok: 'ok',
  missing: 'bad',
  stale: 'warn',
  foreign: 'bad',
  malformed: 'bad',
  'wrong-type': 'bad',
  unreferenced: 'warn',
};

/** A token's health; `undefined`: there is no readable token (no secret, or a malformed one). */
export function TokenHealthBadge({ state }: { state: TokenHealthState | undefined }) {
  const { t } = useTranslation();
  if (!state) return <span className="text-muted">{t('health.none')}</span>;
  return <Badge tone={HEALTH_TONE[state]}>{t(`health.${state}`)}</Badge>;
}

export function PullSecretBadge({ state }: { state: PullSecretState }) {
  const { t } = useTranslation();
  return <Badge tone={SECRET_TONE[state]}>{t(`secretState.${state}`)}</Badge>;
}
