// The seed's story as a small world (the e2e story spec): one owner connected long ago with the seed's
// scope set, whose projects only a Reconnect fixes, and three projects a bulk re-sync fixes with the
// keychain's good tokens (stale, malformed, no secret) — so that after both, nothing is left broken.
import type { SandboxCatalog } from './sandbox.ts';
import { DEMO_LOGINS, DEMO_TENANTS } from './tenant-catalog.ts';

const STORY_NAMESPACES = [
  'project-shop-prod', // healthy
  'project-blog-prod', // healthy
  'project-chat-prod', // huang-min's scope-less token: Reconnect
  'project-chat-staging', // the same
  'project-shop-dev', // stale: re-sync
  'project-wiki-staging', // malformed: re-sync
  'project-docs-staging', // no secret: re-sync
];

function pick<T>(items: readonly T[], matches: (item: T) => boolean, what: string): T[] {
  const found = items.filter(matches);
  if (found.length === 0) throw new Error(`the demo catalogue has no ${what}`);
  return found;
}

export function storyCatalog(): SandboxCatalog {
  const tenants = STORY_NAMESPACES.flatMap((namespace) =>
    pick(DEMO_TENANTS, (t) => t.namespace === namespace, namespace),
  );
  const owners = new Set(tenants.map((t) => t.owner));
  return { logins: DEMO_LOGINS.filter((l) => owners.has(l.login)), tenants };
}
