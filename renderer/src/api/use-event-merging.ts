import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ActivityPage, AppStatus, ReconnectProgress } from '../../../shared/domain/app.ts';
import type { ProjectDetail, ProjectList } from '../../../shared/domain/cluster.ts';
import type { Account } from '../../../shared/domain/github.ts';
import type { RunStatus } from '../../../shared/domain/resync.ts';
import { accountKeys } from '../accounts/account-keys.ts';
import { activityKeys } from '../activity/activity-keys.ts';
import { mergePodChangesIntoDetail, mergePodCountsIntoList } from '../projects/merge-pod-changes.ts';
import { mergeProjectsChange } from '../projects/merge-project-changes.ts';
import { projectKeys } from '../projects/project-keys.ts';
import { resyncKeys } from '../resync/resync-keys.ts';
import { statusKeys } from '../shell/status-keys.ts';
import { useDesk } from './desk-context.tsx';

/**
 * Pushed events go straight into the query cache (setQueryData): the cache is the only store, and every
 * screen showing that data re-renders with it, without polling. A gap in the pod batch sequence or a
 * reconnected transport means events were missed, so the affected queries refetch; a new watch's initial
 * batch brings current counts and refetches the open details.
 */
export function useEventMerging(): void {
  const client = useDesk();
  const queryClient = useQueryClient();

  useEffect(() => {
    let lastSequence: { context: string; sequence: number } | undefined;
    let wasDisconnected = false;
    const unsubscribers = [
      client.on('onStatusChanged', (status) =>
        queryClient.setQueryData<AppStatus>(statusKeys.status(), status),
      ),
      client.on('onProjectsChanged', (change) => {
        queryClient.setQueryData<ProjectList>(projectKeys.list(), (list) =>
          mergeProjectsChange(list, change),
        );
        if (change.kind === 'reset') void queryClient.invalidateQueries({ queryKey: projectKeys.details() });
      }),
      client.on('onPodChanges', (batch) => {
        const gap =
          lastSequence !== undefined &&
          lastSequence.context === batch.context &&
          batch.sequence !== lastSequence.sequence + 1;
        lastSequence = { context: batch.context, sequence: batch.sequence };
        if (gap && !batch.initial) {
          void queryClient.invalidateQueries({ queryKey: projectKeys.all });
          return;
        }
        queryClient.setQueryData<ProjectList>(projectKeys.list(), (list) =>
          mergePodCountsIntoList(list, batch),
        );
        // A new watch: its counts are current, but details read before it started may have missed changes.
        if (batch.initial) void queryClient.invalidateQueries({ queryKey: projectKeys.details() });
        for (const [key] of queryClient.getQueriesData<ProjectDetail>({ queryKey: projectKeys.details() })) {
          queryClient.setQueryData<ProjectDetail>(key, (detail) => mergePodChangesIntoDetail(detail, batch));
        }
      }),
      client.on('onRunProgress', (progress) => {
        queryClient.setQueryData<RunStatus>(resyncKeys.run(progress.runId), (status) => ({
          ...status,
          progress,
        }));
        if (progress.state === 'finished' || progress.state === 'cancelled')
          void queryClient.invalidateQueries({ queryKey: resyncKeys.run(progress.runId) });
      }),
      client.on('onReconnectProgress', (progress) =>
        queryClient.setQueryData<ReconnectProgress>(accountKeys.reconnect(progress.reconnectId), progress),
      ),
      client.on('onAccountsChanged', (accounts) =>
        queryClient.setQueryData<readonly Account[]>(accountKeys.list(), accounts),
      ),
      client.on('onActivityAppended', (entry) =>
        queryClient.setQueryData<InfiniteData<ActivityPage, string | undefined>>(
          activityKeys.list(),
          (data) => {
            const [first, ...rest] = data?.pages ?? [];
            if (!data || !first) return data;
            return { ...data, pages: [{ ...first, entries: [entry, ...first.entries] }, ...rest] };
          },
        ),
      ),
      client.onConnectionChange((state) => {
        if (state === 'disconnected') wasDisconnected = true;
        if (state === 'connected' && wasDisconnected) {
          wasDisconnected = false;
          lastSequence = undefined;
          void queryClient.invalidateQueries();
        }
      }),
    ];
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
    };
  }, [client, queryClient]);
}
