import { useQuery } from '@tanstack/react-query';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { projectKeys } from './project-keys.ts';

/** Every project of the active context; onProjectsChanged and onPodChanges keep it current. */
export function useProjects() {
  const client = useDesk();
  return useQuery({
    queryKey: projectKeys.list(),
    queryFn: () => callOrThrow(client, 'projects.list', {}),
    staleTime: Infinity, // pushed events, not refetches, keep it fresh
  });
}
