// The run's control flow against an in-memory Secrets API, for what a real apiserver cannot be made to do on
// cue: a 429 that outlives the client's own waiting, a write that lands but whose answer is lost, a run held
// mid-flight. The real thing is covered by resync.integration.test.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DeskError } from '../../../../shared/contract/result.ts';
import type { RestartResult } from '../../../../shared/domain/cluster.ts';
import type { Account, TokenHealth } from '../../../../shared/domain/github.ts';
import type { RunProgress } from '../../../../shared/domain/resync.ts';
import type { NewActivity } from '../../activity/activity-log.ts';
import { setLogSink, type LogSink } from '../../log/logger.ts';
import { tokenFingerprint } from '../../github/token-fingerprint.ts';
import { withRegistryEntry } from '../docker-config.ts';
import type { KubeClient, KubeRequest } from '../kube-client.ts';
import { KubeApiError } from '../kube-errors.ts';
import type { ResyncAccounts } from './keychain-accounts.ts';
import type { KubeSecret } from './kube-secret.ts';
import { createResyncService, type ResyncServiceOptions } from './resync-service.ts';
import { mintTokenValue } from '../../../../e2e/github/token-shapes.ts';

const TOKEN = mintTokenValue('oauth');
const OLD = mintTokenValue('oauth');
const HOST = '127.0.0.1:5000';

type Hook = (request: KubeRequest, namespace: string) => Promise<void> | void;

/** Secrets in memory with resourceVersions, 409s and 404s like the apiserver; `hook` runs before each write. */
function fakeSecretsApi(namespaces: readonly string[], hook: Hook = () => {}) {
  let version = 1;
  const secrets = new Map<string, KubeSecret>();
  const writes: string[] = [];
  const data = (token: string) =>
    Buffer.from(JSON.stringify(withRegistryEntry({}, HOST, 'alice', token))).toString('base64');
  for (const namespace of namespaces)
    secrets.set(namespace, {
      metadata: { name: 'ghcr-secret', namespace, resourceVersion: String(version++), uid: namespace },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': data(OLD) },
    });
  const notFound = () => new KubeApiError(404, 'NotFound', 'secrets "ghcr-secret" not found');
  const client: KubeClient = {
    context: 'fake',
    server: 'https://fake.invalid',
    kubeConfig: undefined as never,
    stats: () => ({ requests: 0, byMethod: {}, throttled: 0 }),
    close: async () => {},
    list: async <T>() => ({ items: [...secrets.values()] as T[], resourceVersion: String(version) }),
    async request<T>(request: KubeRequest): Promise<T> {
      const namespace = /namespaces\/([^/]+)/.exec(request.path)?.[1] ?? '';
      const method = request.method ?? 'GET';
      const current = secrets.get(namespace);
      if (method === 'GET') {
        if (!current) throw notFound();
        return structuredClone(current) as T;
      }
      await hook(request, namespace);
      if (request.query?.['dryRun']) return request.body as T;
      writes.push(`${method} ${namespace}`);
      const body = request.body as KubeSecret;
      if (method === 'PUT') {
        if (!current) throw notFound();
        if (body.metadata.resourceVersion !== current.metadata.resourceVersion)
          throw new KubeApiError(409, 'Conflict', 'the object has been modified');
        const next = { ...body, metadata: { ...body.metadata, resourceVersion: String(version++) } };
        secrets.set(namespace, next);
        return next as T;
      }
      throw new Error(`unexpected ${method}`);
    },
  };
  const tokenIn = (namespace: string) => {
    const encoded = secrets.get(namespace)?.data?.['.dockerconfigjson'] ?? '';
    const config = JSON.parse(Buffer.from(encoded, 'base64').toString()) as {
      auths: Record<string, { password: string }>;
    };
    return config.auths[HOST]?.password;
  };
  return { client, writes, tokenIn, data, secrets };
}

function fakeAccounts(): ResyncAccounts {
  const health: TokenHealth = { state: 'ok', scopes: [], missingScopes: [], login: 'alice', checkedAt: '' };
  const account: Account = {
    host: 'github.example',
    login: 'alice',
    tokenKind: 'oauth',
    fingerprint: tokenFingerprint(TOKEN),
    health,
    addedAt: '',
    updatedAt: '',
  };
  return {
    list: async () => [account],
    tokenFor: async () => TOKEN,
    auditTokens: async () => new Map([[tokenFingerprint(TOKEN), health]]),
  };
}

function service(client: KubeClient, extra: Partial<ResyncServiceOptions> = {}) {
  const activity: NewActivity[] = [];
  const progress: RunProgress[] = [];
  const resync = createResyncService({
    kube: () => client,
    accounts: fakeAccounts(),
    settings: () => ({
      pullSecretName: 'ghcr-secret',
      registryUrl: `http://${HOST}`,
      githubUrl: 'https://github.example',
      resyncConcurrency: 4,
    }),
    activity: { append: async (entry) => (activity.push(entry), { ...entry, id: '', at: '', actor: '' }) },
    onProgress: (p) => progress.push(p),
    sleep: async () => {},
    ...extra,
  });
  return { resync, activity, progress };
}

const targets = (namespaces: readonly string[]) =>
  namespaces.map((namespace) => ({ namespace, owners: ['alice'], workloads: [] }));
const names = (count: number) => Array.from({ length: count }, (_, i) => `project-${i}-prod`);

describe('re-sync runs (in-memory Secrets API)', () => {
  let previousSink: LogSink;
  beforeAll(() => {
    previousSink = setLogSink(() => {});
  });
  afterAll(() => {
    setLogSink(previousSink);
  });

  it('fails only the item whose 429 outlived the client’s waiting, with the reason', async () => {
    const namespaces = names(5);
    const api = fakeSecretsApi(namespaces, (request, namespace) => {
      if (namespace === 'project-2-prod' && !request.query?.['dryRun'])
        throw new KubeApiError(429, 'TooManyRequests', 'too many requests, please try again later', 1);
    });
    const { resync, activity } = service(api.client);
    const plan = await resync.plan({ scope: { kind: 'all' } }, targets(namespaces));
    expect(plan.totals.update).toBe(5);
    const report = await resync.report((await resync.apply(plan.planId)).runId);
    expect(report.counts).toMatchObject({ updated: 4, failed: 1 });
    expect(report.items.find((item) => item.namespace === 'project-2-prod')).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(
        /429 Too Many Requests.*please try again later\. Retry the failed items later/,
      ),
    });
    expect(activity).toEqual([expect.objectContaining({ action: 'resync', outcome: 'partial' })]);
  });

  it('counts a write whose answer was lost as written once reading it back shows it landed', async () => {
    const namespaces = names(1);
    let lost = false;
    const api = fakeSecretsApi(namespaces, (request, namespace) => {
      if (request.method !== 'PUT' || request.query?.['dryRun'] || lost) return;
      lost = true;
      // The write lands, then the connection drops before the answer.
      const current = api.secrets.get(namespace) as KubeSecret;
      api.secrets.set(namespace, {
        ...(request.body as KubeSecret),
        metadata: { ...current.metadata, resourceVersion: '999' },
      });
      throw new DeskError('cluster-unreachable', 'The connection was cut.');
    });
    const sleeps: number[] = [];
    const { resync } = service(api.client, { sleep: async (ms) => void sleeps.push(ms) });
    const plan = await resync.plan({ scope: { kind: 'all' } }, targets(namespaces));
    const report = await resync.report((await resync.apply(plan.planId)).runId);
    expect(report.items).toEqual([
      expect.objectContaining({
        outcome: 'updated',
        attempts: 1,
        reason: expect.stringMatching(/confirmed by reading it back/),
      }),
    ]);
    expect(sleeps).toHaveLength(1);
    expect(api.tokenIn('project-0-prod')).toBe(TOKEN);
  });

  it('gives up on an unreachable apiserver after the bounded retries, with the reason', async () => {
    const namespaces = names(2);
    const api = fakeSecretsApi(namespaces, (request) => {
      if (!request.query?.['dryRun'])
        throw new DeskError('cluster-unreachable', 'Nothing answers (refused).');
    });
    const sleeps: number[] = [];
    const { resync } = service(api.client, {
      retry: { transientAttempts: 3 },
      sleep: async (ms) => void sleeps.push(ms),
    });
    const plan = await resync.plan({ scope: { kind: 'all' } }, targets(namespaces));
    const report = await resync.report((await resync.apply(plan.planId)).runId);
    expect(report.items.map((item) => [item.outcome, item.reason])).toEqual([
      ['failed', 'Gave up after 4 attempts: Nothing answers (refused).'],
      ['failed', 'Gave up after 4 attempts: Nothing answers (refused).'],
    ]);
    expect(sleeps).toHaveLength(6);
  });

  it('cancel lets in-flight items finish and reports the rest cancelled, with no restart', async () => {
    const namespaces = names(10);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    const api = fakeSecretsApi(namespaces, async (request) => {
      if (request.query?.['dryRun']) return;
      started += 1;
      await gate;
    });
    const restartStuck = vi.fn(async (): Promise<RestartResult[]> => []);
    const { resync, activity, progress } = service(api.client, { restartStuck });
    const plan = await resync.plan(
      { scope: { kind: 'all' }, concurrency: 2, restartStuck: true },
      targets(namespaces),
    );
    const { runId } = await resync.apply(plan.planId);
    await vi.waitFor(() => expect(started).toBe(2));
    expect(await resync.cancel(runId)).toEqual({ cancelled: true });
    expect((await resync.status(runId)).progress.state).toBe('cancelling');
    release();
    const report = await resync.report(runId);
    expect(report.state).toBe('cancelled');
    expect(report.counts).toMatchObject({ updated: 2, cancelled: 8 });
    expect(api.writes).toHaveLength(2);
    expect(namespaces.filter((ns) => api.tokenIn(ns) === TOKEN)).toHaveLength(2);
    expect(restartStuck).not.toHaveBeenCalled();
    expect(activity[0]).toMatchObject({ outcome: 'cancelled', namespaces: expect.any(Array) });
    expect(activity[0]?.namespaces).toHaveLength(2);
    expect(progress.at(-1)).toMatchObject({ state: 'cancelled', done: 10 });
    expect(await resync.cancel(runId)).toEqual({ cancelled: false });
  });

  it('restarts the stuck workloads of fixed namespaces and reports the results', async () => {
    const namespaces = names(3);
    const api = fakeSecretsApi(namespaces);
    const restartStuck = vi.fn(async (fixed: readonly string[]): Promise<RestartResult[]> =>
      fixed.map((namespace) => ({ namespace, kind: 'Deployment', name: 'web', outcome: 'restarted' })),
    );
    const { resync, activity, progress } = service(api.client, { restartStuck });
    const plan = await resync.plan({ scope: { kind: 'all' }, restartStuck: true }, [
      ...targets(namespaces),
      { namespace: 'project-x-prod', owners: ['alice', 'acme'], workloads: [] },
    ]);
    const report = await resync.report((await resync.apply(plan.planId)).runId);
    expect(restartStuck).toHaveBeenCalledWith(namespaces);
    expect(report.restarts).toHaveLength(3);
    expect(report.counts).toMatchObject({ updated: 3, skipped: 1 });
    expect(activity[0]).toMatchObject({
      outcome: 'succeeded',
      summary: expect.stringMatching(/3 updated.*1 skipped.*3 of 3 stuck workloads restarted/),
    });
    const final = progress.at(-1);
    expect(final).toMatchObject({ state: 'finished', done: 4, total: 4 });
    // Every finished item went out in some progress event's `latest`.
    expect(new Set(progress.flatMap((p) => p.latest.map((item) => item.namespace))).size).toBe(4);
    expect(JSON.stringify({ plan, report, progress, activity })).not.toContain(TOKEN);
  });

  it('refuses unknown plans and runs, plans of another context, and retries of runs without failures', async () => {
    const api = fakeSecretsApi(names(1));
    let client = api.client;
    const { resync } = service(api.client, {});
    const other = createResyncService({
      kube: () => client,
      accounts: fakeAccounts(),
      settings: () => ({
        pullSecretName: 'ghcr-secret',
        registryUrl: `http://${HOST}`,
        githubUrl: 'https://github.example',
        resyncConcurrency: 4,
      }),
    });
    await expect(resync.apply('plan-nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(resync.status('run-nope')).rejects.toMatchObject({ code: 'not-found' });
    const plan = await other.plan({ scope: { kind: 'all' } }, targets(names(1)));
    client = { ...api.client, context: 'another' };
    await expect(other.apply(plan.planId)).rejects.toMatchObject({ code: 'conflict' });
    const mine = await resync.plan({ scope: { kind: 'all' } }, targets(names(1)));
    const { runId } = await resync.apply(mine.planId);
    await resync.report(runId);
    await expect(resync.retryFailed(runId)).rejects.toMatchObject({ code: 'invalid-input' });
  });
});
