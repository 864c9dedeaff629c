import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ResyncOptions } from '../../../shared/domain/resync.ts';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useProjects } from '../projects/use-projects.ts';
import { navigate, routeHref } from '../shell/routes.ts';
import { ScreenHeader } from '../shell/ScreenHeader.tsx';
import { useSettings } from '../settings/use-settings.ts';
import { PlanView } from './PlanView.tsx';
import { RunView } from './RunView.tsx';
import { ScopeForm } from './ScopeForm.tsx';

/** Scope → plan → confirm → progress → results → retry failed. The run id sits in the URL: a reload keeps it. */
export function ResyncScreen({ params }: { params: URLSearchParams }) {
  const { t } = useTranslation();
  const client = useDesk();
  const projects = useProjects();
  const settings = useSettings();
  const plan = useMutation({
    mutationFn: (options: ResyncOptions) => callOrThrow(client, 'resync.plan', { options }),
  });
  const apply = useMutation({
    mutationFn: (planId: string) => callOrThrow(client, 'resync.apply', { planId }),
    onSuccess: (progress) => navigate(routeHref('resync', { run: progress.runId })),
  });
  const runId = params.get('run');

  return (
    <section className="screen">
      <ScreenHeader title={t('resync.title')} />
      {runId ? (
        <RunView runId={runId} />
      ) : plan.data ? (
        <PlanView
          plan={plan.data}
          context={projects.data?.context ?? ''}
          busy={apply.isPending}
          onApply={() => plan.data && apply.mutate(plan.data.planId)}
          onBack={() => plan.reset()}
        />
      ) : (
        <>
          <p className="text-muted">{t('resync.explain')}</p>
          <ScopeForm
            params={params}
            projects={projects.data?.projects}
            restartByDefault={settings.data?.settings.restartPolicy !== 'never'}
            busy={plan.isPending}
            onPlan={(options) => plan.mutate(options)}
          />
        </>
      )}
      {plan.isError && <ErrorNotice error={plan.error} />}
      {apply.isError && <ErrorNotice error={apply.error} />}
    </section>
  );
}
