export const statusKeys = {
  all: ['app'] as const,
  status: () => [...statusKeys.all, 'status'] as const,
};
