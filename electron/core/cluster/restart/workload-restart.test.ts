import { describe, expect, it } from 'vitest';
import { restartedAtValue } from './workload-restart.ts';

describe('restartedAtValue', () => {
  it('is RFC 3339 with seconds and an offset, like kubectl rollout restart', () => {
    const value = restartedAtValue(new Date('2026-12-03T10:20:30.456Z'));
    expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
    expect(new Date(value).getTime()).toBe(new Date('2026-12-03T10:20:30Z').getTime());
  });
});
