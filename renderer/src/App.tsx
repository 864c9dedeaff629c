import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { DeskProvider } from './api/desk-context.tsx';
import { createQueryClient } from './api/query-client.ts';
import { AppShell } from './shell/AppShell.tsx';
import type { DeskClient } from './transport/desk-client.ts';

export function App({ client }: { client: DeskClient }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <DeskProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <AppShell />
      </QueryClientProvider>
    </DeskProvider>
  );
}
