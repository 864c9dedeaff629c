import { useQuery } from '@tanstack/react-query';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { accountKeys } from './account-keys.ts';

export function useAccounts() {
  const client = useDesk();
  return useQuery({ queryKey: accountKeys.list(), queryFn: () => callOrThrow(client, 'accounts.list', {}) });
}
