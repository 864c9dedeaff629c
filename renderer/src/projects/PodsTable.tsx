import { useTranslation } from 'react-i18next';
import type { PodInfo } from '../../../shared/domain/cluster.ts';
import { Badge } from '../components/Badge.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';

const PULL_ERRORS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName']);

/** A project's pods, live (a project has a handful: a plain table, no virtualization). */
export function PodsTable({ pods }: { pods: readonly PodInfo[] }) {
  const { t } = useTranslation();
  if (pods.length === 0) return <p className="empty">{t('detail.noPods')}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t('detail.pod')}</th>
          <th scope="col">{t('detail.phase')}</th>
          <th scope="col">{t('detail.ready')}</th>
          <th scope="col">{t('detail.restarts')}</th>
          <th scope="col">{t('detail.waiting')}</th>
          <th scope="col">{t('detail.age')}</th>
        </tr>
      </thead>
      <tbody>
        {pods.map((pod) => (
          <tr key={pod.name} data-pod={pod.name}>
            <td className="mono">{pod.name}</td>
            <td>
              <Badge tone={pod.phase === 'Running' ? 'ok' : pod.phase === 'Failed' ? 'bad' : 'neutral'}>
                {pod.phase}
              </Badge>
            </td>
            <td>
              {pod.readyContainers}/{pod.totalContainers}
            </td>
            <td>{pod.restarts}</td>
            <td>
              {pod.waitingReason && (
                <span
                  className={PULL_ERRORS.has(pod.waitingReason) ? 'text-bad strong' : undefined}
                  title={pod.waitingMessage}
                >
                  {pod.waitingReason}
                </span>
              )}
            </td>
            <td>
              <RelativeTime iso={pod.createdAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
