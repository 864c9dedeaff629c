/**
 * GitHub's scope hierarchy: a granted parent scope carries its children, but `X-OAuth-Scopes` lists only
 * what was granted (docs.github.com, "Scopes for OAuth apps"). A token with `write:packages` can read
 * packages, and one with `user` has `user:email`: the scope audit and the stand-in registry both use this.
 */
const CHILDREN: Readonly<Record<string, readonly string[]>> = {
  repo: ['repo:status', 'repo_deployment', 'public_repo', 'repo:invite', 'security_events'],
  'admin:repo_hook': ['write:repo_hook', 'read:repo_hook'],
  'write:repo_hook': ['read:repo_hook'],
  'admin:org': ['write:org', 'read:org', 'manage_runners:org'],
  'write:org': ['read:org'],
  'admin:public_key': ['write:public_key', 'read:public_key'],
  'write:public_key': ['read:public_key'],
  user: ['read:user', 'user:email', 'user:follow'],
  'write:packages': ['read:packages'],
  'admin:gpg_key': ['write:gpg_key', 'read:gpg_key'],
  'write:gpg_key': ['read:gpg_key'],
  project: ['read:project'],
  'admin:enterprise': ['manage_runners:enterprise', 'manage_billing:enterprise', 'read:enterprise'],
};

/** The scopes a token effectively has, given the scopes it was granted. */
export function effectiveScopes(granted: Iterable<string>): Set<string> {
  const result = new Set<string>();
  const pending = [...granted];
  while (pending.length > 0) {
    const scope = pending.pop() as string;
    if (result.has(scope)) continue;
    result.add(scope);
    pending.push(...(CHILDREN[scope] ?? []));
  }
  return result;
}

/** Required scopes the granted set does not carry, directly or through a parent scope. */
export function missingScopes(granted: Iterable<string>, required: readonly string[]): string[] {
  const have = effectiveScopes(granted);
  return required.filter((scope) => !have.has(scope));
}
