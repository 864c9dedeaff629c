import { describe, expect, it } from 'vitest';
import { effectiveScopes, missingScopes } from './github-scopes.ts';

describe('GitHub scope hierarchy', () => {
  it('lets a parent scope carry its children, transitively', () => {
    expect(effectiveScopes(['admin:repo_hook'])).toEqual(
      new Set(['admin:repo_hook', 'write:repo_hook', 'read:repo_hook']),
    );
    expect(effectiveScopes(['write:packages']).has('read:packages')).toBe(true);
    expect(effectiveScopes(['read:packages']).has('write:packages')).toBe(false);
  });

  it('lists the required scopes a granted set lacks', () => {
    const required = ['user:email', 'repo', 'read:packages', 'write:packages'];
    expect(missingScopes(['user', 'repo', 'write:packages'], required)).toEqual([]);
    expect(missingScopes(['repo', 'read:packages'], required)).toEqual(['user:email', 'write:packages']);
  });
});
