import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionState, DeskClient } from '../transport/desk-client.ts';

const DeskContext = createContext<DeskClient | undefined>(undefined);

export function DeskProvider({ client, children }: { client: DeskClient; children: ReactNode }) {
  return <DeskContext.Provider value={client}>{children}</DeskContext.Provider>;
}

export function useDesk(): DeskClient {
  const client = useContext(DeskContext);
  if (!client) throw new Error('useDesk outside <DeskProvider>');
  return client;
}

export function useConnectionState(): ConnectionState {
  const client = useDesk();
  return useSyncExternalStore(
    (onChange) => client.onConnectionChange(onChange),
    () => client.connection(),
  );
}
