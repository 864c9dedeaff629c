import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../../../shared/domain/cluster.ts';
import { ReconnectDialog } from '../accounts/ReconnectDialog.tsx';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { QueryView } from '../components/QueryView.tsx';
import { routeHref } from '../shell/routes.ts';
import { ScreenHeader } from '../shell/ScreenHeader.tsx';
import { PodsTable } from './PodsTable.tsx';
import { projectKeys } from './project-keys.ts';
import { PullCheckResultView } from './PullCheckResultView.tsx';
import { PullErrorEvents } from './PullErrorEvents.tsx';
import { RestartResults } from './RestartResults.tsx';
import { PullSecretBadge, TokenHealthBadge } from './StateBadges.tsx';

const NEEDS_NEW_TOKEN = new Set(['revoked', 'missing-scopes', 'not-classic']);

function Summary({ detail }: { detail: ProjectDetail }) {
  const { t } = useTranslation();
  const { project } = detail;
  const secret = project.pullSecret;
  const health = secret.tokenHealth;
  return (
    <dl className="facts">
      <dt>{t('detail.owner')}</dt>
      <dd>{project.owners.join(', ')}</dd>
      <dt>{t('detail.images')}</dt>
      <dd>
        <ul className="plain-list mono">
          {project.images.map((image) => (
            <li key={image}>{image}</li>
          ))}
        </ul>
      </dd>
      <dt>{t('detail.workloads')}</dt>
      <dd>
        <ul className="plain-list">
          {project.workloads.map((workload) => (
            <li key={`${workload.kind}/${workload.name}`}>
              {workload.kind}/{workload.name}
              {workload.paused && <span className="text-warn"> · {t('detail.paused')}</span>}
              {!workload.referencesPullSecret && (
                <span className="text-warn"> · {t('detail.unreferenced')}</span>
              )}
            </li>
          ))}
        </ul>
      </dd>
      <dt>{t('detail.pullSecret')}</dt>
      <dd>
        <PullSecretBadge state={secret.state} /> <span className="mono">{secret.name}</span>
        {secret.username && <> · {t('detail.secretUser', { login: secret.username })}</>}
        {secret.fingerprint && (
          <>
            {' '}
            · <code>{secret.fingerprint}</code>
          </>
        )}
        {secret.detail && <p className="text-muted">{secret.detail}</p>}
        {secret.otherRegistries.length > 0 && (
          <p className="text-muted">
            {t('detail.otherRegistries', { registries: secret.otherRegistries.join(', ') })}
          </p>
        )}
      </dd>
      <dt>{t('detail.token')}</dt>
      <dd>
        <TokenHealthBadge state={health?.state} />
        {health && health.missingScopes.length > 0 && (
          <p className="text-bad">{t('detail.missingScopes', { scopes: health.missingScopes.join(' ') })}</p>
        )}
        {health?.message && <p className="text-muted">{health.message}</p>}
      </dd>
    </dl>
  );
}

export function ProjectDetailScreen({ namespace }: { namespace: string }) {
  const { t } = useTranslation();
  const client = useDesk();
  const [confirmRestart, setConfirmRestart] = useState(false);
  const [reconnecting, setReconnecting] = useState(false);
  const detail = useQuery({
    queryKey: projectKeys.detail(namespace),
    queryFn: () => callOrThrow(client, 'projects.get', { namespace }),
  });
  const pullCheck = useMutation({
    mutationFn: () => callOrThrow(client, 'projects.pullCheck', { namespace }),
  });
  const restart = useMutation({ mutationFn: () => callOrThrow(client, 'projects.restart', { namespace }) });
  const tokenState = detail.data?.project.pullSecret.tokenHealth?.state;

  return (
    <section className="screen">
      <p className="breadcrumb">
        <a href={routeHref('projects')}>← {t('nav.projects')}</a>
      </p>
      <ScreenHeader title={namespace}>
        <button
          type="button"
          onClick={() => pullCheck.mutate()}
          disabled={pullCheck.isPending || !detail.data}
        >
          {pullCheck.isPending ? t('detail.pullChecking') : t('detail.pullCheck')}
        </button>
        <button
          type="button"
          onClick={() => setConfirmRestart(true)}
          disabled={restart.isPending || !detail.data}
        >
          {restart.isPending ? t('detail.restarting') : t('detail.restart')}
        </button>
        <a className="button" href={routeHref('resync', { scope: 'namespaces', ns: namespace })}>
          {t('detail.resync')}
        </a>
        {tokenState && NEEDS_NEW_TOKEN.has(tokenState) && (
          <button type="button" className="button-primary" onClick={() => setReconnecting(true)}>
            {t('detail.reconnect', { owner: detail.data?.project.owner })}
          </button>
        )}
      </ScreenHeader>
      {reconnecting && detail.data && (
        <ReconnectDialog login={detail.data.project.owner} onClose={() => setReconnecting(false)} />
      )}
      {confirmRestart && (
        <Dialog title={t('detail.restartTitle', { namespace })} onClose={() => setConfirmRestart(false)}>
          <p>{t('detail.restartExplain')}</p>
          <form method="dialog" className="dialog-actions">
            <button type="submit">{t('common.cancel')}</button>
            <button type="submit" className="button-primary" onClick={() => restart.mutate()}>
              {t('detail.restart')}
            </button>
          </form>
        </Dialog>
      )}
      {pullCheck.isError && <ErrorNotice error={pullCheck.error} onRetry={() => pullCheck.mutate()} />}
      {pullCheck.data && <PullCheckResultView result={pullCheck.data} />}
      {restart.isError && <ErrorNotice error={restart.error} onRetry={() => restart.mutate()} />}
      {restart.data && <RestartResults results={restart.data} />}
      <QueryView query={detail} loadingLabel={t('detail.loading')}>
        {(data) => (
          <>
            <Summary detail={data} />
            <h2>
              {t('detail.podsTitle', { ready: data.project.pods.ready, total: data.project.pods.total })}
            </h2>
            <PodsTable pods={data.pods} />
            <h2>{t('detail.eventsTitle')}</h2>
            <PullErrorEvents events={data.events} />
          </>
        )}
      </QueryView>
    </section>
  );
}
