export const accountKeys = {
  all: ['accounts'] as const,
  list: () => [...accountKeys.all, 'list'] as const,
  reconnect: (reconnectId: string) => [...accountKeys.all, 'reconnect', reconnectId] as const,
};
