// What `npm run demo` prints once the sandbox is up: what each group of tenants shows, what to click,
// and where the sandbox's parts are. Built from the catalogue and the sandbox's addresses only, so no
// token can reach it.
import type { Sandbox, SandboxTenant } from '../e2e/sandbox/sandbox.ts';
import type { TenantKind } from '../e2e/sandbox/tenant-catalog.ts';

const KIND_TEXT: Record<TenantKind, string> = {
  healthy: 'token with all 7 scopes, same as the keychain’s: pods Running',
  'missing-scopes': 'the seed’s bug: the token lacks read:packages/write:packages → ImagePullBackOff',
  'second-registry': 'the same bug, plus a docker.io entry that a re-sync keeps',
  revoked: 'the token in the secret was revoked on GitHub → ImagePullBackOff',
  'foreign-login': 'the secret uses another login’s account → DENIED; a re-sync leaves it (delete it first)',
  'foreign-token': 'the secret names the owner but holds another login’s token → DENIED',
  malformed: 'the .dockerconfigjson is JSON but no usable docker config → ImagePullBackOff',
  'no-secret': 'no pull secret: kubelet pulls anonymously, the private image refuses',
  stale: 'an older (still valid) token than the keychain’s: runs, but a re-sync would update it',
  'wrong-type': 'an Opaque, immutable secret: a re-sync must delete and recreate it (needs consent)',
  'org-image': 'an organization’s image pulled with a member’s token: runs; shown as another login',
  'fine-grained': 'a fine-grained PAT, which ghcr refuses for packages → ImagePullBackOff',
  unreferenced: 'the secret is fine, but the worker Deployment does not reference it',
  'public-image': 'no secret, but the image is public: pods Running',
};

/** `items` joined with ", ", broken into lines of at most `width` characters, each indented. */
function wrapped(items: readonly string[], indent: number, width = 110): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line ? `${line}, ${item}` : item;
    if (line && indent + next.length > width) {
      lines.push(`${line},`);
      line = item;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.map((text) => `${' '.repeat(indent)}${text}`);
}

function kindLines(tenants: readonly SandboxTenant[]): string[] {
  // In KIND_TEXT's order: the healthy first, then the seed's bug and its relatives.
  const byKind = (Object.keys(KIND_TEXT) as TenantKind[])
    .map((kind) => [kind, tenants.filter((t) => t.kind === kind)] as const)
    .filter(([, members]) => members.length > 0);
  const width = Math.max(...byKind.map(([kind]) => kind.length));
  return byKind.flatMap(([kind, members]) => [
    `  ${kind.padEnd(width)}  ${String(members.length).padStart(2)}  ${KIND_TEXT[kind]}`,
    ...wrapped(
      members.map((t) => `${t.namespace.replace(/^project-/, '')} (${t.owner})`),
      width + 8,
    ),
  ]);
}

const namespacesOf = (tenants: readonly SandboxTenant[], owner: string) =>
  tenants.filter((t) => t.owner === owner && t.fix === 'reconnect').length;

/** The parts of a sandbox the guide names: addresses and the catalogue, never a secret. */
export type GuideFacts = Pick<
  Sandbox,
  | 'tenants'
  | 'logins'
  | 'oauthApp'
  | 'githubUrl'
  | 'registryUrl'
  | 'registryHost'
  | 'kubectl'
  | 'kubeconfigPath'
  | 'profileDir'
  | 'keychainService'
>;

export function demoGuide(sandbox: GuideFacts): string {
  const { tenants } = sandbox;
  const app = sandbox.oauthApp.name;
  const inKeychain = (login: string) => sandbox.logins.some((l) => l.login === login && l.keychain);
  const reconnectable = [...new Set(tenants.filter((t) => t.fix === 'reconnect').map((t) => t.owner))];
  const fromAccounts = reconnectable.filter(inKeychain);
  const fromProjects = reconnectable.filter((login) => !inKeychain(login));
  const first = fromAccounts[0] ?? reconnectable[0] ?? '';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    '',
    `ghcr-desk demo: ${tenants.length} tenant projects on a throwaway Kubernetes control plane; GitHub and ghcr are stand-ins on 127.0.0.1.`,
    '',
    'What the tenants show (kind, count, what it shows, namespaces without "project-")',
    ...kindLines(tenants),
    '',
    'Try this',
    `  1. Accounts › ${first} › Reconnect. The stand-in GitHub's consent page opens with that login`,
    `     selected: click "Authorize ${app}". The new token has every scope; ghcr-desk re-syncs that owner's`,
    `     ${plural(namespacesOf(tenants, first), 'pull secret')} and restarts the stuck pods, which turn Running.`,
    `     Also on Accounts: ${fromAccounts.slice(1).join(', ')}.`,
    `  2. Owners never connected here (${fromProjects.join(', ')}): open one of their projects › Reconnect <owner>.`,
    '     The consent page lets you approve as any tenant; approving as someone else shows the identity check.',
    '  3. Re-sync › All projects › Make a plan: stale, malformed and missing secrets and a foreign token get the',
    '     owners’ keychain tokens (a dry run checks each write); wrong-type needs "Delete and recreate"; owners',
    '     without a usable token are skipped, with the reason.',
    '  4. A project › Check pull: the registry’s own answer for the secret’s credentials.',
    '',
    'The sandbox (all of it is removed when the demo stops)',
    `  GitHub (stand-in)  ${sandbox.githubUrl}  (the profile's GitHub Enterprise Server URL)`,
    `  registry           ${sandbox.registryUrl}  (images ${sandbox.registryHost}/<owner>/<project>:<tag>)`,
    `  kubectl            ${sandbox.kubectl} --kubeconfig ${sandbox.kubeconfigPath} get pods -A`,
    `  profile            ${sandbox.profileDir}  (keychain service ${sandbox.keychainService})`,
    '',
  ].join('\n');
}
