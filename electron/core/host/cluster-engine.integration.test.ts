import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlPlaneInfo } from '../../../e2e/cluster/control-plane.ts';
import type { KubeHttp } from '../../../e2e/cluster/kube-http.ts';
import { startNodeSimulator, type NodeSimulator } from '../../../e2e/cluster/node-simulator.ts';
import { kubeHttpFor, sharedControlPlane } from '../../../e2e/cluster/shared-control-plane.ts';
import { uniqueName, waitFor } from '../../../e2e/cluster/wait-for.ts';
import { createTenant, waitForPullErrors, waitForRunning } from '../../../e2e/engine/tenants.ts';
import { followRedirects } from '../../../e2e/github/account-fixture.ts';
import { startStandInGitHub, type StandInGitHub } from '../../../e2e/github/stand-in-github.ts';
import type { AnyEvent } from '../../../shared/contract/events.ts';
import type { CallName } from '../../../shared/contract/names.ts';
import type { CallInput } from '../../../shared/contract/inputs.ts';
import type { CallOutput } from '../../../shared/contract/outputs.ts';
import type { ReconnectProgress } from '../../../shared/domain/app.ts';
import { DEFAULT_REQUIRED_SCOPES } from '../../../shared/domain/github.ts';
import { dispatchCall } from '../contract/dispatch-call.ts';
import { ENGINE_PARTS } from '../engine/engine-parts.ts';
import { createKeytarVault } from '../vault/keytar-vault.ts';
import { clusterEngine } from './cluster-engine.ts';
import { createDeskHost, type DeskHost } from './desk-host.ts';

// The panel's engine behind the real host, called through the contract's dispatcher (zod inputs, Result
// outputs) as both transports do, against the shared control plane, the stand-in GitHub and the keychain.
describe('the cluster engine behind the panel', () => {
  const run = uniqueName('eng');
  const vault = createKeytarVault({ service: `ghcr-desk-test-${randomBytes(6).toString('hex')}` });
  const events: AnyEvent[] = [];
  let plane: ControlPlaneInfo;
  let admin: KubeHttp;
  let github: StandInGitHub;
  let simulator: NodeSimulator;
  let host: DeskHost;
  let browser: (url: string) => Promise<void> = () => Promise.reject(new Error('no browser yet'));
  const ns = (name: string) => `${run}-${name}`;
  const controller = new AbortController();

  async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const result = await dispatchCall(host.handlers, name, input, {
      transport: 'serve',
      signal: controller.signal,
    });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.data as CallOutput<K>;
  }
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => ({ code: 'none', message: '' }),
      (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
    );

  beforeAll(async () => {
    plane = await sharedControlPlane();
    admin = await kubeHttpFor(plane.kubeconfigPath);
    github = await startStandInGitHub();
    for (const login of ['alice', 'bob']) {
      github.admin.createUser({ login });
      github.admin.createImage({ repository: `${login}/web`, tags: ['1.0'] });
    }
    const app = github.admin.registerApp({ name: 'ghcr-desk', callbackUrl: 'http://127.0.0.1/callback' });
    const full = [...DEFAULT_REQUIRED_SCOPES];
    const profileDir = mkdtempSync(join(tmpdir(), 'ghcr-desk-engine-'));
    writeFileSync(
      join(profileDir, 'settings.json'),
      JSON.stringify({
        kubeconfigPath: plane.kubeconfigPath,
        githubUrl: github.webUrl,
        registryUrl: github.registryUrl,
        oauthClientId: app.clientId,
        namespaceLabelSelector: `ghcr-desk.test/run=${run}`,
      }),
    );
    simulator = await startNodeSimulator({
      kubeconfigPath: plane.kubeconfigPath,
      managesNamespace: (namespace) => namespace.startsWith(run),
      backOff: { initialMs: 400, maxMs: 1600 },
      showBackOffAfterMs: 150,
    });
    const labels = { 'ghcr-desk.test/run': run };
    const image = (owner: string) => `${github.registryHost}/${owner}/web:1.0`;
    await Promise.all([
      createTenant(admin, {
        namespace: ns('alice'),
        labels,
        images: [image('alice')],
        secret: {
          registryHost: github.registryHost,
          username: 'alice',
          token: github.admin.mintToken({ login: 'alice', kind: 'oauth', scopes: full }),
        },
      }),
      createTenant(admin, {
        namespace: ns('bob'),
        labels,
        images: [image('bob')],
        secret: {
          registryHost: github.registryHost,
          username: 'bob',
          token: github.admin.mintToken({ login: 'bob', kind: 'oauth', scopes: ['repo'] }),
        },
      }),
    ]);
    host = createDeskHost({
      profileDir,
      version: '0.0.0-test',
      engine: clusterEngine({ ...ENGINE_PARTS, vault, openBrowser: (url) => browser(url) }),
    });
    host.events.subscribe((event) => events.push(event));
    await call('settings.setOAuthClientSecret', { secret: app.clientSecret });
    await Promise.all([waitForRunning(admin, ns('alice')), waitForPullErrors(admin, ns('bob'))]);
  });

  afterAll(async () => {
    controller.abort();
    await host?.close();
    await simulator?.stop();
    for (const key of await vault.listTokens()) await vault.deleteToken(key);
    admin?.close();
    await github?.stop();
  });

  it('lists the projects and publishes them as a reset', async () => {
    const list = await call('projects.list', {});
    expect(
      list.projects.map((p) => [p.namespace, p.pullSecret.tokenHealth?.state, p.pods.pullErrors]),
    ).toEqual([
      [ns('alice'), 'ok', 0],
      [ns('bob'), 'missing-scopes', 1],
    ]);
    const reset = events.find((e) => e.name === 'onProjectsChanged');
    expect(reset?.payload).toMatchObject({ kind: 'reset', projects: list.projects });
  });

  it("shows a project with its pods and the kubelet's pull error", async () => {
    const detail = await call('projects.get', { namespace: ns('bob') });
    expect(detail.project.owner).toBe('bob');
    expect(detail.pods).toEqual([
      expect.objectContaining({
        phase: 'Pending',
        waitingReason: expect.stringMatching(/ErrImagePull|ImagePullBackOff/),
        workload: { kind: 'Deployment', name: 'web' },
      }),
    ]);
    expect(
      detail.events.some((e) => e.reason === 'Failed' && /denied|UNAUTHORIZED|DENIED/i.test(e.message)),
    ).toBe(true);
    expect((await failure(call('projects.get', { namespace: 'kube-system' }))).code).toBe('not-found');
  });

  it("checks a pull for real with the secret's credentials", async () => {
    expect(await call('projects.pullCheck', { namespace: ns('alice') })).toMatchObject({
      outcome: 'ok',
      tags: ['1.0'],
    });
    expect(await call('projects.pullCheck', { namespace: ns('bob') })).toMatchObject({ outcome: 'denied' });
  });

  it("restarts a project's workloads and logs it", async () => {
    const results = await call('projects.restart', { namespace: ns('alice') });
    expect(results).toEqual([
      { namespace: ns('alice'), kind: 'Deployment', name: 'web', outcome: 'restarted' },
    ]);
    const appended = events.filter((e) => e.name === 'onActivityAppended').map((e) => e.payload);
    expect(appended.at(-1)).toMatchObject({
      action: 'restart',
      namespaces: [ns('alice')],
      outcome: 'succeeded',
    });
    expect((await call('activity.list', { limit: 5 })).entries[0]).toMatchObject({ action: 'restart' });
    expect(events.some((e) => e.name === 'onProjectsChanged' && e.payload.kind === 'upsert')).toBe(true);
  });

  it('reports the keychain from the vault and keeps the OAuth client secret there', async () => {
    const status = await call('app.status', {});
    expect(status).toMatchObject({
      keychain: { available: true },
      oauthConfigured: true,
      cluster: { reachable: true },
    });
  });

  it('reconnects a login through the browser, with every stage published, and logs it', async () => {
    github.admin.setConsent({ mode: 'approve' });
    browser = async (url) => void (await followRedirects(url));
    const first = await call('reconnect.start', { host: new URL(github.webUrl).host, login: 'bob' });
    expect(first.stage).toBe('waiting-for-browser');
    const last = await waitFor('the reconnect to end', async () => {
      const progress = await call('reconnect.status', { reconnectId: first.reconnectId });
      return ['done', 'failed', 'cancelled'].includes(progress.stage) ? progress : undefined;
    });
    expect(last.stage, last.message).toBe('done');
    expect(last.account).toMatchObject({ login: 'bob', health: { state: 'ok' } });
    const stages = events
      .filter(
        (e): e is Extract<AnyEvent, { name: 'onReconnectProgress' }> => e.name === 'onReconnectProgress',
      )
      .map((e) => (e.payload as ReconnectProgress).stage);
    expect(stages).toEqual(
      expect.arrayContaining([
        'waiting-for-browser',
        'exchanging-code',
        'checking-identity',
        'checking-scopes',
        'storing-token',
        'done',
      ]),
    );
    expect(stages.indexOf('resyncing')).toBeGreaterThan(stages.indexOf('storing-token'));
    expect(stages.indexOf('restarting')).toBeGreaterThan(stages.indexOf('resyncing'));
    // That login's pull secret was re-synced and its stuck workload restarted; the pods now pull.
    expect(last.report).toMatchObject({
      state: 'finished',
      items: [{ namespace: ns('bob'), outcome: 'updated' }],
      restarts: [{ namespace: ns('bob'), kind: 'Deployment', name: 'web', outcome: 'restarted' }],
    });
    expect(events.some((e) => e.name === 'onRunProgress' && e.payload.runId === last.report?.runId)).toBe(
      true,
    );
    await waitForRunning(admin, ns('bob'));
    // The panel hears it from the watch, unasked: the latest pod batch about bob says all ready.
    await waitFor('bob running in the pod batches', () => {
      const counts = events
        .flatMap((e) => (e.name === 'onPodChanges' ? [e.payload.projectPods[ns('bob')]] : []))
        .findLast((c) => c !== undefined);
      return (
        counts !== undefined && counts.total > 0 && counts.ready === counts.total && counts.pullErrors === 0
      );
    });
    expect((await call('accounts.list', {})).map((a) => a.login)).toEqual(['bob']);
    expect(events.some((e) => e.name === 'onAccountsChanged')).toBe(true);
    const entries = (await call('activity.list', { limit: 3 })).entries;
    expect(entries.map((e) => e.action)).toEqual(['reconnect', 'restart', 'resync']);
    expect(entries[0]).toMatchObject({
      outcome: 'succeeded',
      namespaces: [ns('bob')],
      summary: expect.stringContaining('bob'),
    });
  });

  it('refuses a reconnect that comes back as another login, and can be cancelled while it waits', async () => {
    github.admin.setConsent({ mode: 'approve', as: 'alice' });
    const wrong = await call('reconnect.start', { host: new URL(github.webUrl).host, login: 'bob' });
    const refused = await waitFor('the refusal', async () => {
      const progress = await call('reconnect.status', { reconnectId: wrong.reconnectId });
      return progress.stage === 'failed' ? progress : undefined;
    });
    expect(refused.message).toMatch(/signed in as "alice", but this reconnect is for "bob"/);

    browser = () => new Promise(() => undefined); // the user never comes back from the browser
    const waiting = await call('reconnect.start', { host: new URL(github.webUrl).host, login: 'bob' });
    expect(
      (await failure(call('reconnect.start', { host: new URL(github.webUrl).host, login: 'bob' }))).code,
    ).toBe('conflict');
    expect(await call('reconnect.cancel', { reconnectId: waiting.reconnectId })).toEqual({ cancelled: true });
    const cancelled = await waitFor('the cancel', async () => {
      const progress = await call('reconnect.status', { reconnectId: waiting.reconnectId });
      return progress.stage === 'cancelled' ? progress : undefined;
    });
    expect(cancelled.message).toMatch(/cancelled/);
    const entry = (await call('activity.list', { limit: 1 })).entries[0];
    expect(entry).toMatchObject({ action: 'reconnect', outcome: 'cancelled' });
  });

  it('adds a pasted token after checking it, and refuses a bad one', async () => {
    const token = github.admin.mintToken({
      login: 'alice',
      kind: 'classic',
      scopes: [...DEFAULT_REQUIRED_SCOPES],
    });
    expect(await call('accounts.addToken', { token })).toMatchObject({
      stored: true,
      account: { login: 'alice' },
    });
    const scopeless = github.admin.mintToken({ login: 'alice', kind: 'classic', scopes: ['repo'] });
    expect(await call('accounts.addToken', { token: scopeless })).toMatchObject({
      stored: false,
      login: 'alice',
      health: { state: 'missing-scopes' },
    });
    const fineGrained = github.admin.mintToken({ login: 'alice', kind: 'fine-grained' });
    expect((await failure(call('accounts.addToken', { token: fineGrained }))).code).toBe('invalid-input');
    expect(await call('accounts.remove', { host: new URL(github.webUrl).host, login: 'alice' })).toEqual({
      removed: true,
    });
  });

  it('never lets a token into an event', () => {
    const text = JSON.stringify(events);
    expect(text).not.toMatch(/gh[opusr]_[A-Za-z0-9]{20}|github_pat_/);
  });
});
