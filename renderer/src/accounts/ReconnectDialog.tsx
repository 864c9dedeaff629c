import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReconnectStage } from '../../../shared/domain/app.ts';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Loading } from '../components/Loading.tsx';
import { useProjects } from '../projects/use-projects.ts';
import { RunProgressBar } from '../resync/RunProgressBar.tsx';
import { hostOf, useSettings } from '../settings/use-settings.ts';
import { accountKeys } from './account-keys.ts';

const STEPS = [
  'waiting-for-browser',
  'exchanging-code',
  'checking-identity',
  'checking-scopes',
  'storing-token',
  'resyncing',
  'restarting',
  'done',
] as const satisfies readonly ReconnectStage[];
const stepIndex = (stage: ReconnectStage) => (STEPS as readonly ReconnectStage[]).indexOf(stage);
const FINISHED: ReadonlySet<ReconnectStage> = new Set(['done', 'failed', 'cancelled']);

/** The owner's projects with their pods, live from the projects cache: the operator watches them recover. */
function OwnerPods({ owner }: { owner: string }) {
  const { t } = useTranslation();
  const projects = useProjects();
  const mine = projects.data?.projects.filter((project) => project.owners.includes(owner)) ?? [];
  if (mine.length === 0) return null;
  return (
    <section aria-label={t('reconnect.podsLabel', { owner })}>
      <h3>{t('reconnect.podsLabel', { owner })}</h3>
      <ul className="plain-list">
        {mine.map((project) => (
          <li key={project.namespace} data-namespace={project.namespace}>
            <span className="mono">{project.namespace}</span>{' '}
            {t('reconnect.podsLine', { ready: project.pods.ready, total: project.pods.total })}
            {project.pods.pullErrors > 0 && (
              <span className="text-bad">
                {' '}
                · {t('reconnect.pullErrors', { count: project.pods.pullErrors })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * One click → the browser opens → "waiting for the browser" (cancellable) → the new token's checks →
 * that login's re-sync and restarts with live progress → the owner's pods turning Running.
 */
export function ReconnectDialog({
  login,
  host,
  onClose,
}: {
  login: string;
  host?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useDesk();
  const queryClient = useQueryClient();
  const settings = useSettings();
  const targetHost = host ?? hostOf(settings.data?.settings.githubUrl);
  const start = useMutation({
    mutationFn: (onHost: string) => callOrThrow(client, 'reconnect.start', { host: onHost, login }),
    onSuccess: (progress) => queryClient.setQueryData(accountKeys.reconnect(progress.reconnectId), progress),
  });
  const reconnectId = start.data?.reconnectId;
  const progress = useQuery({
    queryKey: accountKeys.reconnect(reconnectId ?? ''),
    queryFn: () => callOrThrow(client, 'reconnect.status', { reconnectId: reconnectId ?? '' }),
    enabled: reconnectId !== undefined,
    staleTime: Infinity, // onReconnectProgress events update it
  });
  const cancel = useMutation({
    mutationFn: () => callOrThrow(client, 'reconnect.cancel', { reconnectId: reconnectId ?? '' }),
  });

  // One click started it: begin as soon as the host is known (a ref: StrictMode runs effects twice).
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !targetHost) return;
    started.current = true;
    start.mutate(targetHost);
  }, [targetHost, start]);

  const current = progress.data;
  const finished = current ? FINISHED.has(current.stage) : false;
  return (
    <Dialog title={t('reconnect.title', { login })} onClose={onClose}>
      {settings.isError && !host && <ErrorNotice error={settings.error} />}
      {start.isError && (
        <ErrorNotice error={start.error} onRetry={() => targetHost && start.mutate(targetHost)} />
      )}
      {start.isPending && <Loading label={t('reconnect.opening')} />}
      {current && (
        <>
          <ol className="steps">
            {STEPS.map((step) => (
              <li
                key={step}
                aria-current={current.stage === step ? 'step' : undefined}
                className={stepIndex(step) < stepIndex(current.stage) ? 'step-done' : undefined}
              >
                {t(`reconnect.stages.${step}`, { login })}
              </li>
            ))}
          </ol>
          {current.stage === 'waiting-for-browser' && (
            <p role="status" className="notice notice-neutral">
              {t('reconnect.waiting', { login, host: current.host })}
            </p>
          )}
          {current.stage === 'failed' && (
            <p role="alert" className="notice notice-bad">
              {current.message ?? t('reconnect.failed')}
            </p>
          )}
          {current.stage === 'cancelled' && (
            <p className="notice notice-neutral">{t('reconnect.cancelled')}</p>
          )}
          {current.message && current.stage !== 'failed' && <p className="text-muted">{current.message}</p>}
          {current.run && <RunProgressBar progress={current.run} />}
          {current.stage === 'done' && (
            <p role="status" className="notice notice-ok">
              {t('reconnect.done', { login })}
            </p>
          )}
          <OwnerPods owner={login} />
        </>
      )}
      {cancel.isError && <ErrorNotice error={cancel.error} />}
      <div className="dialog-actions">
        {current && !finished && (
          <button type="button" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
            {t('common.cancel')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
