import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlPlaneInfo } from '../../../e2e/cluster/control-plane.ts';
import { freePort } from '../../../e2e/cluster/free-port.ts';
import type { KubeHttp } from '../../../e2e/cluster/kube-http.ts';
import { startNodeSimulator, type NodeSimulator } from '../../../e2e/cluster/node-simulator.ts';
import { kubeHttpFor, sharedControlPlane } from '../../../e2e/cluster/shared-control-plane.ts';
import { uniqueName } from '../../../e2e/cluster/wait-for.ts';
import { runGhcrDesk, type CliRun } from '../../../e2e/engine/cli-runner.ts';
import {
  b64,
  createTenant,
  readDockerConfig,
  waitForPullErrors,
  waitForRunning,
} from '../../../e2e/engine/tenants.ts';
import { startStandInGitHub, type StandInGitHub } from '../../../e2e/github/stand-in-github.ts';
import { DEFAULT_REQUIRED_SCOPES } from '../../../shared/domain/github.ts';
import type { Project } from '../../../shared/domain/cluster.ts';
import type { ResyncPlan, RunReport } from '../../../shared/domain/resync.ts';
import { createKeytarVault } from '../vault/keytar-vault.ts';

// The CLI as an operator runs it: `node bin/ghcr-desk.mjs …` against the real control plane (pods run by the
// node simulator, pulling from the stand-in ghcr), the stand-in GitHub, and the real keychain.
describe('ghcr-desk CLI, end to end', () => {
  const run = uniqueName('cli');
  const keychainService = `ghcr-desk-test-${randomBytes(6).toString('hex')}`;
  const profileDir = mkdtempSync(join(tmpdir(), 'ghcr-desk-cli-'));
  const runs: CliRun[] = [];
  let plane: ControlPlaneInfo;
  let admin: KubeHttp;
  let github: StandInGitHub;
  let simulator: NodeSimulator;
  let tokens: { alice: string; bobScopeless: string; bobGood: string; carolRevoked: string; erin: string };
  const ns = (name: string) => `${run}-${name}`;

  async function ghcrDesk(
    args: readonly string[],
    options: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
  ) {
    const result = await runGhcrDesk(
      [
        ...args,
        '--kubeconfig',
        plane.kubeconfigPath,
        '--github-url',
        github.webUrl,
        '--registry-url',
        github.registryUrl,
        '--profile',
        profileDir,
      ],
      {
        env: { GHCR_DESK_KEYCHAIN_SERVICE: keychainService, ...options.env },
        ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
      },
    );
    runs.push(result);
    return result;
  }

  async function secretVersion(namespace: string): Promise<string> {
    const secret = await admin.request<{ metadata: { resourceVersion: string } }>(
      'GET',
      `/api/v1/namespaces/${namespace}/secrets/ghcr-secret`,
    );
    return secret.metadata.resourceVersion;
  }

  async function auditJson(): Promise<Map<string, Project & { problems: string[] }>> {
    const result = await ghcrDesk(['audit', '--json']);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as { projects: (Project & { problems: string[] })[] };
    return new Map(report.projects.map((p) => [p.namespace, p]));
  }

  beforeAll(async () => {
    plane = await sharedControlPlane();
    admin = await kubeHttpFor(plane.kubeconfigPath);
    github = await startStandInGitHub();
    for (const login of ['alice', 'bob', 'carol', 'dave', 'erin']) {
      github.admin.createUser({ login });
      github.admin.createImage({ repository: `${login}/web`, tags: ['1.0'] });
    }
    const full = [...DEFAULT_REQUIRED_SCOPES];
    tokens = {
      alice: github.admin.mintToken({ login: 'alice', kind: 'oauth', scopes: full }),
      // The seed's problem: an OAuth token without the packages scopes.
      bobScopeless: github.admin.mintToken({
        login: 'bob',
        kind: 'oauth',
        scopes: full.filter((s) => !s.endsWith(':packages')),
      }),
      bobGood: github.admin.mintToken({ login: 'bob', kind: 'classic', scopes: full }),
      carolRevoked: github.admin.mintToken({ login: 'carol', kind: 'oauth', scopes: full }),
      erin: github.admin.mintToken({ login: 'erin', kind: 'oauth', scopes: full }),
    };
    github.admin.revokeToken({ token: tokens.carolRevoked });
    // How the operator set the panel up: which namespaces are projects.
    writeFileSync(
      join(profileDir, 'settings.json'),
      JSON.stringify({ namespaceLabelSelector: `ghcr-desk.test/run=${run}`, namespaceNamePattern: '^cli-' }),
    );
    simulator = await startNodeSimulator({
      kubeconfigPath: plane.kubeconfigPath,
      managesNamespace: (namespace) => namespace.startsWith(run),
      backOff: { initialMs: 400, maxMs: 1600 },
      showBackOffAfterMs: 150,
    });
    const labels = { 'ghcr-desk.test/run': run };
    const image = (owner: string) => `${github.registryHost}/${owner}/web:1.0`;
    const secret = (username: string, token: string, others = {}) => ({
      registryHost: github.registryHost,
      username,
      token,
      others,
    });
    await Promise.all([
      createTenant(admin, {
        namespace: ns('good'),
        labels,
        images: [image('alice')],
        secret: secret('alice', tokens.alice),
      }),
      createTenant(admin, {
        namespace: ns('scopeless'),
        labels,
        images: [image('bob')],
        workloads: [{ kind: 'StatefulSet', name: 'db', images: [image('bob')] }],
        secret: secret('bob', tokens.bobScopeless, {
          'registry.example.com': { auth: b64('robot:keep-me') },
        }),
      }),
      createTenant(admin, {
        namespace: ns('revoked'),
        labels,
        images: [image('carol')],
        secret: secret('carol', tokens.carolRevoked),
      }),
      createTenant(admin, {
        namespace: ns('foreign'),
        labels,
        images: [image('dave')],
        secret: secret('dave', tokens.erin),
      }),
    ]);
    await Promise.all([
      waitForRunning(admin, ns('good')),
      waitForPullErrors(admin, ns('scopeless'), 2),
      waitForPullErrors(admin, ns('revoked')),
      waitForPullErrors(admin, ns('foreign')),
    ]);
  });

  afterAll(async () => {
    await simulator?.stop();
    const vault = createKeytarVault({ service: keychainService });
    for (const key of await vault.listTokens()) await vault.deleteToken(key);
    admin?.close();
    await github?.stop();
  });

  it('audit --json reports each tenant: good, scope-less, revoked, foreign', async () => {
    const projects = await auditJson();
    expect([...projects.keys()].sort()).toEqual([ns('foreign'), ns('good'), ns('revoked'), ns('scopeless')]);
    expect(projects.get(ns('good'))).toMatchObject({
      owner: 'alice',
      pullSecret: { state: 'ok', username: 'alice', tokenHealth: { state: 'ok', login: 'alice' } },
      pods: { total: 1, ready: 1, pullErrors: 0 },
      problems: [],
    });
    expect(projects.get(ns('scopeless'))).toMatchObject({
      owner: 'bob',
      pullSecret: {
        state: 'ok',
        otherRegistries: ['registry.example.com'],
        tokenHealth: { state: 'missing-scopes', missingScopes: ['read:packages', 'write:packages'] },
      },
      pods: { total: 2, ready: 0, pullErrors: 2 },
      problems: ['pull-errors', 'token-missing-scopes'],
    });
    expect(projects.get(ns('revoked'))?.pullSecret.tokenHealth?.state).toBe('revoked');
    expect(projects.get(ns('revoked'))?.problems).toEqual(['pull-errors', 'token-revoked']);
    expect(projects.get(ns('foreign'))).toMatchObject({
      owner: 'dave',
      flags: ['foreign-token'],
      pullSecret: { state: 'foreign', username: 'dave', tokenHealth: { login: 'erin' } },
    });
  });

  it('audit prints a table for people, with the reasons', async () => {
    const result = await ghcrDesk(['audit']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/NAMESPACE\s+OWNER\s+SECRET\s+TOKEN/);
    expect(result.stdout).toMatch(
      new RegExp(`${ns('scopeless')}\\s+bob\\s+ok\\s+missing read:packages,write:packages\\s+0/2`),
    );
    expect(result.stdout).toContain('4 projects in');
    expect(result.stdout).toContain('3 need fixing');
  });

  it('accounts add takes the token from stdin only, checks it, and never prints it', async () => {
    const refused = await ghcrDesk(['accounts', 'add', tokens.bobGood]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/never takes a token as an argument/);
    const empty = await ghcrDesk(['accounts', 'add'], { stdin: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/No token on stdin/);
    const revoked = await ghcrDesk(['accounts', 'add'], { stdin: tokens.carolRevoked });
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toMatch(/Not stored/);
    expect(JSON.parse((await ghcrDesk(['accounts', 'list', '--json'])).stdout)).toEqual({ accounts: [] });

    const stored = await ghcrDesk(['accounts', 'add'], { stdin: `${tokens.bobGood}\n` });
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stdout).toMatch(/Stored bob \(sha256:[0-9a-f]{12}\)/);
    const list = await ghcrDesk(['accounts', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({
      accounts: [{ login: 'bob', tokenKind: 'classic-pat', health: { state: 'ok' } }],
    });
    const check = await ghcrDesk(['accounts', 'check', 'bob']);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/bob\s+127\.0\.0\.1:\d+\s+classic-pat\s+sha256:\w+\s+ok/);
  });

  it('audit then sees the scope-less secret as stale against the keychain', async () => {
    const projects = await auditJson();
    expect(projects.get(ns('scopeless'))?.pullSecret.state).toBe('stale');
  });

  it('resync without --yes on a pipe refuses and writes nothing; --dry-run shows the plan', async () => {
    const before = await secretVersion(ns('scopeless'));
    const refusedRun = await ghcrDesk(['resync', '--owner', 'bob']);
    expect(refusedRun.code).toBe(2);
    expect(refusedRun.stderr).toMatch(
      /Refusing to write 1 pull secret without confirmation: stdin is not a terminal/,
    );
    const dry = await ghcrDesk(['resync', '--owner', 'bob', '--dry-run', '--json']);
    expect(dry.code).toBe(1); // something would change
    const { plan } = JSON.parse(dry.stdout) as { plan: ResyncPlan };
    expect(plan.items).toEqual([
      expect.objectContaining({
        namespace: ns('scopeless'),
        owner: 'bob',
        action: 'update',
        dryRun: 'passed',
      }),
    ]);
    expect(await secretVersion(ns('scopeless'))).toBe(before);
  });

  it('resync --owner bob --yes --restart fixes the secret, keeps other registries, and the pods run', async () => {
    const result = await ghcrDesk(['resync', '--owner', 'bob', '--yes', '--restart', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const { report } = JSON.parse(result.stdout) as { report: RunReport };
    expect(report.items).toEqual([
      expect.objectContaining({ namespace: ns('scopeless'), outcome: 'updated' }),
    ]);
    expect(report.restarts.map((r) => [r.kind, r.name, r.outcome]).sort()).toEqual([
      ['Deployment', 'web', 'restarted'],
      ['StatefulSet', 'db', 'restarted'],
    ]);
    const config = await readDockerConfig(admin, ns('scopeless'));
    expect(config?.auths[github.registryHost]).toEqual({
      username: 'bob',
      password: tokens.bobGood,
      auth: b64(`bob:${tokens.bobGood}`),
    });
    expect(config?.auths['registry.example.com']).toEqual({ auth: b64('robot:keep-me') });
    await waitForRunning(admin, ns('scopeless'));
    // Other owners' namespaces were not in scope and are untouched.
    expect((await readDockerConfig(admin, ns('revoked')))?.auths[github.registryHost]?.password).toBe(
      tokens.carolRevoked,
    );
    const activity = readFileSync(join(profileDir, 'activity.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; namespaces: string[] });
    expect(activity.map((e) => e.action)).toEqual(['restart', 'resync']);
    expect(activity[1]?.namespaces).toEqual([ns('scopeless')]);
  });

  it('a second resync writes nothing and exits 0', async () => {
    const before = await secretVersion(ns('scopeless'));
    const activityBefore = readFileSync(join(profileDir, 'activity.jsonl'), 'utf8');
    const result = await ghcrDesk(['resync', '--owner', 'bob', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${ns('scopeless')}\\s+bob\\s+bob\\s+unchanged`));
    expect(result.stdout).toContain('Nothing to write.');
    expect(await secretVersion(ns('scopeless'))).toBe(before);
    expect(readFileSync(join(profileDir, 'activity.jsonl'), 'utf8')).toBe(activityBefore);
    const projects = await auditJson();
    expect(projects.get(ns('scopeless'))).toMatchObject({
      pullSecret: { state: 'ok', tokenHealth: { state: 'ok' } },
      pods: { total: 2, ready: 2, pullErrors: 0 },
      problems: [],
    });
  });

  it('lists and switches kube contexts, refusing an unknown one', async () => {
    // A profile of its own: switching the context here must not change the other tests' profile.
    const profile = mkdtempSync(join(tmpdir(), 'ghcr-desk-cli-ctx-'));
    writeFileSync(join(profile, 'settings.json'), JSON.stringify({ namespaceLabelSelector: 'team=a' }));
    const combined = ['--kubeconfig', plane.combinedKubeconfigPath];
    const listed = await runGhcrDesk(['contexts', '--json', ...combined, '--profile', profile]);
    runs.push(listed);
    expect(listed.code).toBe(0);
    const list = JSON.parse(listed.stdout) as { active: string; contexts: { name: string }[] };
    expect(list.contexts.map((c) => c.name).sort()).toEqual([
      'ghcr-desk-test-admin',
      'ghcr-desk-test-restricted',
    ]);
    expect(listed.stdout).not.toMatch(/BEGIN|client-key|token:/);
    const unknown = await runGhcrDesk(['contexts', 'use', 'nope', ...combined, '--profile', profile]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /The context "nope" is not in .*Known: ghcr-desk-test-admin, ghcr-desk-test-restricted/,
    );
    const used = await runGhcrDesk([
      'contexts',
      'use',
      'ghcr-desk-test-restricted',
      ...combined,
      '--profile',
      profile,
    ]);
    expect(used.code).toBe(0);
    expect(JSON.parse(readFileSync(join(profile, 'settings.json'), 'utf8'))).toMatchObject({
      kubeContext: 'ghcr-desk-test-restricted',
      namespaceLabelSelector: 'team=a',
    });
    const shown = await runGhcrDesk(['contexts', ...combined, '--profile', profile]);
    expect(shown.stdout).toMatch(/^\*\s+ghcr-desk-test-restricted/m);
  });

  describe('refuses bad input and environments with exit 2, a clear message, and no change', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'ghcr-desk-cli-bad-'));
    const kubeconfig = (name: string, text: string) => {
      const path = join(scratch, name);
      writeFileSync(path, text);
      return path;
    };
    const userKubeconfig = (server: string, user: string) =>
      `apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster:\n    server: ${server}\n    insecure-skip-tls-verify: true\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\nusers:\n- name: u\n  user:\n${user}\n`;

    async function refused(args: readonly string[], message: RegExp, kubeconfigPath?: string): Promise<void> {
      const before = readdirSync(profileDir).sort();
      const activityBefore = safeRead(join(profileDir, 'activity.jsonl'));
      const result = await runGhcrDesk(
        // The case's own arguments last: a later option wins, so it can override these.
        [
          '--github-url',
          github.webUrl,
          '--registry-url',
          github.registryUrl,
          '--profile',
          profileDir,
          ...(kubeconfigPath ? ['--kubeconfig', kubeconfigPath] : []),
          ...args,
        ],
        { env: { GHCR_DESK_KEYCHAIN_SERVICE: keychainService } },
      );
      runs.push(result);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
      expect(readdirSync(profileDir).sort()).toEqual(before);
      expect(safeRead(join(profileDir, 'activity.jsonl'))).toBe(activityBefore);
    }

    it('an unknown command or option', async () => {
      await refused(['deploy'], /Unknown command "deploy"/);
      await refused(['audit', '--frobnicate'], /Unknown option '--frobnicate'/);
      await refused(['audit', '--owner', 'bob'], /--owner does not apply to "audit"/);
      await refused(['resync', '--owner', 'bob', '--all'], /exactly one scope/);
      await refused(['resync', '--all', '--concurrency', 'lots'], /--concurrency must be a whole number/);
      await refused(['accounts', 'frob'], /Unknown accounts action "frob"/);
      await refused(
        ['audit', '--github-url', 'ftp://example.com'],
        /--github-url "ftp:\/\/example.com" must be an https/,
      );
    });

    it('a malformed kubeconfig', async () => {
      await refused(
        ['audit'],
        /The kubeconfig .*bad\.yaml cannot be read/,
        kubeconfig('bad.yaml', 'clusters: [:::\n  - {'),
      );
    });

    it('an unknown context', async () => {
      await refused(
        ['audit', '--context', 'nope'],
        /The context "nope" is not in the kubeconfig/,
        plane.kubeconfigPath,
      );
    });

    it('an unreachable server, for an audit and for a re-sync', async () => {
      const port = await freePort();
      const down = kubeconfig(
        'down.yaml',
        userKubeconfig(`https://127.0.0.1:${port}`, '    token: x0123456789'),
      );
      const message = new RegExp(
        `Nothing answers at https://127\\.0\\.0\\.1:${port} \\(connection refused\\)`,
      );
      await refused(['audit'], message, down);
      await refused(['resync', '--all', '--yes'], message, down);
    });

    it('an expired credential', async () => {
      await refused(
        ['audit'],
        /refused the kubeconfig's credentials \(401/,
        kubeconfig('expired.yaml', userKubeconfig(plane.server, '    token: expired-0123456789abcdef')),
      );
    });

    it('an exec plugin that is not on PATH', async () => {
      const exec = `    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ghcr-desk-no-such-plugin\n      interactiveMode: Never\n`;
      await refused(
        ['audit'],
        /gets its credentials by running "ghcr-desk-no-such-plugin", which is not on PATH/,
        kubeconfig('exec.yaml', userKubeconfig(plane.server, exec)),
      );
    });
  });

  it('never shows a token: not in any output, the activity log or the profile', () => {
    const profileText = readdirSync(profileDir)
      .map((file) => safeRead(join(profileDir, file)))
      .join('\n');
    const everything = runs.map((r) => `${r.stdout}\n${r.stderr}`).join('\n') + profileText;
    for (const token of Object.values(tokens)) {
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(token.slice(4, 24));
    }
    expect(runs.length).toBeGreaterThan(10);
  });
});

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
