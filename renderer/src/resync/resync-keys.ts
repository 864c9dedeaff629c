export const resyncKeys = {
  all: ['resync'] as const,
  run: (runId: string) => [...resyncKeys.all, 'run', runId] as const,
};
