import { useQuery } from '@tanstack/react-query';
import { callOrThrow } from '../api/call-or-throw.ts';
import { useDesk } from '../api/desk-context.tsx';
import { statusKeys } from './status-keys.ts';

/** App status; kept fresh by onStatusChanged (main probes on its own), so there is no polling here. */
export function useStatus() {
  const client = useDesk();
  return useQuery({ queryKey: statusKeys.status(), queryFn: () => callOrThrow(client, 'app.status', {}) });
}
