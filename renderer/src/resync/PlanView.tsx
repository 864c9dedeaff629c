import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanAction, PlanItem, ResyncPlan } from '../../../shared/domain/resync.ts';
import { Badge, type Tone } from '../components/Badge.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { VirtualTable, type Column } from '../components/VirtualTable.tsx';

const ACTION_TONE: Record<PlanAction, Tone> = {
  create: 'warn',
  update: 'warn',
  recreate: 'bad',
  unchanged: 'ok',
  skip: 'neutral',
};
const ACTIONS: readonly PlanAction[] = ['create', 'update', 'recreate', 'unchanged', 'skip'];

/** Step 2: what would change, per namespace, dry-run checked, without secret values; then confirm. */
export function PlanView({
  plan,
  context,
  busy,
  onApply,
  onBack,
}: {
  plan: ResyncPlan;
  context: string;
  busy: boolean;
  onApply: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const changes = plan.totals.create + plan.totals.update + plan.totals.recreate;
  const columns = useMemo<Column<PlanItem>[]>(
    () => [
      {
        id: 'namespace',
        header: t('resync.columns.namespace'),
        cell: (item) => <span className="mono">{item.namespace}</span>,
      },
      { id: 'owner', header: t('resync.columns.owner'), cell: (item) => item.owner },
      {
        id: 'action',
        header: t('resync.columns.action'),
        cell: (item) => <Badge tone={ACTION_TONE[item.action]}>{t(`resync.actions.${item.action}`)}</Badge>,
      },
      {
        id: 'dryRun',
        header: t('resync.columns.dryRun'),
        cell: (item) => (
          <span className={item.dryRun === 'failed' ? 'text-bad' : 'text-muted'} title={item.dryRunMessage}>
            {t(`resync.dryRun.${item.dryRun}`)}
          </span>
        ),
      },
      {
        id: 'reason',
        header: t('resync.columns.reason'),
        cell: (item) => (
          <span className="ellipsis" title={item.reason}>
            {item.reason}
          </span>
        ),
      },
    ],
    [t],
  );
  return (
    <section aria-label={t('resync.planLabel')}>
      <ul className="counts">
        {ACTIONS.map((action) => (
          <li key={action} className="count">
            {t(`resync.actions.${action}`)}: {plan.totals[action]}
          </li>
        ))}
      </ul>
      {plan.items.some((item) => item.needsConsent) && !plan.options.allowRecreate && (
        <p className="notice notice-warn">{t('resync.needsConsent')}</p>
      )}
      <VirtualTable
        label={t('resync.planLabel')}
        className="plan-table"
        columns={columns}
        rows={plan.items}
        rowKey={(item) => item.namespace}
      />
      <div className="form-actions">
        <button type="button" onClick={onBack}>
          {t('common.back')}
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={busy || changes === 0}
          onClick={() => setConfirming(true)}
        >
          {t('resync.apply', { count: changes })}
        </button>
      </div>
      {confirming && (
        <Dialog title={t('resync.confirmTitle')} onClose={() => setConfirming(false)}>
          <p>{t('resync.confirmText', { count: changes, kubeContext: context })}</p>
          <form method="dialog" className="dialog-actions">
            <button type="submit">{t('common.cancel')}</button>
            <button type="submit" className="button-primary" onClick={onApply}>
              {t('resync.apply', { count: changes })}
            </button>
          </form>
        </Dialog>
      )}
    </section>
  );
}
