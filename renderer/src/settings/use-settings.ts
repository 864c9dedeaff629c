import { useQuery } from '@tanstack/react-query';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { settingsKeys } from './settings-keys.ts';

export function useSettings() {
  const client = useDesk();
  return useQuery({ queryKey: settingsKeys.view(), queryFn: () => callOrThrow(client, 'settings.get', {}) });
}

/** `github.com` from `https://github.com`: the host accounts are keyed by. */
export function hostOf(githubUrl: string | undefined): string | undefined {
  const match = githubUrl ? /^https?:\/\/([^/]+)/.exec(githubUrl) : null;
  return match?.[1];
}
