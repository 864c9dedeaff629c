import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlPlaneInfo } from '../../../../e2e/cluster/control-plane.ts';
import { startNodeSimulator, type NodeSimulator } from '../../../../e2e/cluster/node-simulator.ts';
import { grantSecretWrites } from '../../../../e2e/cluster/restricted-user.ts';
import { kubeHttpFor, sharedControlPlane } from '../../../../e2e/cluster/shared-control-plane.ts';
import { uniqueName, waitFor } from '../../../../e2e/cluster/wait-for.ts';
import type { PlanItem, ResyncPlan, RunProgress, RunReport } from '../../../../shared/domain/resync.ts';
import { openActivityLog, type ActivityLog } from '../../activity/activity-log.ts';
import { setLogSink, type LogSink } from '../../log/logger.ts';
import type { KubeClient } from '../kube-client.ts';
import { createResyncService, type ResyncService } from './resync-service.ts';
import type { ResyncTarget } from './resync-target.ts';
import {
  createDeployment,
  createNamespaces,
  dockerConfigIn,
  dockerConfigJson,
  intercepted,
  kubeClientFor,
  OTHER_REGISTRY,
  readSecretIn,
  startResyncWorld,
  writeSecret,
  type ResyncWorld,
} from './resync-world.fixture.ts';

// The re-sync against a real kube-apiserver (shared by the run: every namespace here starts with `p`), the
// product's AccountService against the stand-in GitHub, and the node simulator pulling from the stand-in
// registry. Every plan, progress event, report, activity line and log line is kept to be scanned for tokens.
const p = uniqueName('rs');
const ns = (name: string) => `${p}-${name}`;
const other = { username: 'ci', password: 'keep-me-other-registry' };

let plane: ControlPlaneInfo;
let world: ResyncWorld;
let admin: KubeClient;
let activityDir: string;
let activity: ActivityLog;
let previousSink: LogSink;
const logs: string[] = [];
const seen: unknown[] = [];
const progress: RunProgress[] = [];
let host: string;
let tokens: Record<string, string>;

function serviceFor(client: KubeClient, extra: Partial<Parameters<typeof createResyncService>[0]> = {}) {
  return createResyncService({
    kube: () => client,
    accounts: world.accounts,
    settings: () => world.settings,
    activity,
    onProgress: (event) => progress.push(event),
    ...extra,
  });
}

async function planAndRun(
  service: ResyncService,
  options: Parameters<ResyncService['plan']>[0],
  targets: readonly ResyncTarget[],
  overrides?: { allowRecreate?: boolean },
): Promise<{ plan: ResyncPlan; report: RunReport }> {
  const plan = await service.plan(options, targets);
  const first = await service.apply(plan.planId, overrides);
  const report = await service.report(first.runId);
  seen.push(plan, first, report);
  return { plan, report };
}

const itemsOf = <T extends { namespace: string }>(items: readonly T[]) =>
  Object.fromEntries(items.map((item) => [item.namespace.slice(p.length + 1), item]));

const target = (name: string, owners: string[], workloads: ResyncTarget['workloads'] = []): ResyncTarget => ({
  namespace: ns(name),
  owners,
  workloads,
});

beforeAll(async () => {
  previousSink = setLogSink((line) => logs.push(line));
  plane = await sharedControlPlane();
  admin = kubeClientFor(plane.kubeconfigPath);
  world = await startResyncWorld(['alice', 'bob', 'carol', 'dave', 'erin', 'frank']);
  host = world.github.registryHost;
  world.github.admin.createOrg({ login: 'acme', members: ['erin'] });
  world.github.admin.createImage({ repository: 'alice/web', tags: ['1.0.0'] });
  const mint = (login: string, scopes: string[]) =>
    world.github.admin.mintToken({ login, kind: 'oauth', scopes });
  tokens = {
    alice: await world.connect('alice'),
    bob: await world.connect('bob', ['read:packages']),
    carol: await world.connect('carol'),
    erin: await world.connect('erin'),
    frank: world.github.admin.mintToken({ login: 'frank', kind: 'fine-grained' }),
    aliceStale: mint('alice', ['repo']),
    bobOld: mint('bob', ['repo']),
    erinStale: mint('erin', ['repo']),
  };
  world.github.admin.revokeToken({ token: tokens['carol'] as string });
  // A fine-grained token in the keychain (the app refuses to store one; older versions did not).
  await world.vault.setToken({ host: world.githubHost, login: 'frank' }, tokens['frank'] as string);
  activityDir = await mkdtemp(join(tmpdir(), 'resync-activity-'));
  activity = openActivityLog(activityDir);
});

afterAll(async () => {
  await admin
    ?.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${ns('terminating')}`,
      contentType: 'application/merge-patch+json',
      body: { metadata: { finalizers: null } },
    })
    .catch(() => undefined);
  for (const kind of ['validatingadmissionpolicybindings', 'validatingadmissionpolicies'])
    await admin
      ?.request({ method: 'DELETE', path: `/apis/admissionregistration.k8s.io/v1/${kind}/${p}-frozen` })
      .catch(() => undefined);
  await admin?.close();
  await world?.stop();
  setLogSink(previousSink);
});

describe('a realistic mix of tenants', () => {
  let client: KubeClient;
  let service: ResyncService;
  const targets: ResyncTarget[] = [];

  beforeAll(async () => {
    client = kubeClientFor(plane.kubeconfigPath);
    service = serviceFor(client);
    const alice = (password: string) => ({ username: 'alice', password });
    const secrets: Record<string, Parameters<typeof writeSecret>[2] | undefined> = {
      good: {
        data: {
          '.dockerconfigjson': dockerConfigJson({
            [host]: alice(tokens['aliceStale'] as string),
            [OTHER_REGISTRY]: other,
          }),
        },
      },
      missing: undefined,
      unchanged: {
        data: { '.dockerconfigjson': dockerConfigJson({ [host]: alice(tokens['alice'] as string) }) },
      },
      scopes: undefined,
      revoked: undefined,
      noaccount: undefined,
      foreign: {
        data: {
          '.dockerconfigjson': dockerConfigJson({
            [host]: { username: 'bob', password: tokens['bobOld'] as string },
          }),
        },
      },
      multi: undefined,
      wrongtype: {
        type: 'Opaque',
        data: { '.dockerconfigjson': dockerConfigJson({ 'quay.io': other }), note: 'not a pull secret' },
      },
      immutable: {
        data: {
          '.dockerconfigjson': dockerConfigJson({
            [host]: alice(tokens['aliceStale'] as string),
            [OTHER_REGISTRY]: other,
          }),
        },
        immutable: true,
      },
      garbage: { data: { '.dockerconfigjson': '{"auths":"nope","credsStore":"desktop"}' } },
      member: {
        data: {
          '.dockerconfigjson': dockerConfigJson({
            [host]: { username: 'erin', password: tokens['erinStale'] as string },
          }),
        },
      },
      finegrained: undefined,
      frozen: {
        data: { '.dockerconfigjson': dockerConfigJson({ [host]: alice(tokens['aliceStale'] as string) }) },
      },
    };
    const owners: Record<string, string[]> = {
      scopes: ['bob'],
      revoked: ['carol'],
      noaccount: ['dave'],
      multi: ['alice', 'dave'],
      member: ['acme'],
      finegrained: ['frank'],
    };
    await createNamespaces(admin, [...Object.keys(secrets), 'terminating'].map(ns));
    for (const [name, spec] of Object.entries(secrets)) {
      if (spec) await writeSecret(admin, ns(name), spec);
      targets.push(target(name, owners[name] ?? ['alice']));
    }
    targets.push(target('terminating', ['alice']));

    // A namespace being deleted (held by a finalizer): creating anything in it is refused.
    await admin.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${ns('terminating')}`,
      contentType: 'application/merge-patch+json',
      body: { metadata: { finalizers: ['ghcr-desk.test/hold'] } },
    });
    await admin.request({ method: 'DELETE', path: `/api/v1/namespaces/${ns('terminating')}` });

    // An admission policy that refuses every Secret write in the "frozen" namespace.
    await admin.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${ns('frozen')}`,
      contentType: 'application/merge-patch+json',
      body: { metadata: { labels: { 'ghcr-desk.test/frozen': p } } },
    });
    await admin.request({
      method: 'POST',
      path: '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies',
      body: {
        metadata: { name: `${p}-frozen` },
        spec: {
          failurePolicy: 'Fail',
          matchConstraints: {
            resourceRules: [
              {
                apiGroups: [''],
                apiVersions: ['v1'],
                operations: ['CREATE', 'UPDATE'],
                resources: ['secrets'],
              },
            ],
          },
          validations: [{ expression: 'false', message: 'pull secrets are frozen in this namespace' }],
        },
      },
    });
    await admin.request({
      method: 'POST',
      path: '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings',
      body: {
        metadata: { name: `${p}-frozen` },
        spec: {
          policyName: `${p}-frozen`,
          validationActions: ['Deny'],
          matchResources: { namespaceSelector: { matchLabels: { 'ghcr-desk.test/frozen': p } } },
        },
      },
    });
    await waitFor('the admission policy to refuse Secret writes', () =>
      admin
        .request({
          method: 'POST',
          path: `/api/v1/namespaces/${ns('frozen')}/secrets`,
          query: { dryRun: 'All' },
          body: { metadata: { generateName: 'probe-' }, type: 'Opaque' },
        })
        .then(() => false)
        .catch((error: Error) => /frozen/.test(error.message)),
    );
  });

  afterAll(async () => client?.close());

  it('plans every case with its reason, dry-run checked, without secret values', async () => {
    const plan = await service.plan({ scope: { kind: 'all' } }, targets);
    seen.push(plan);
    const items = itemsOf(plan.items);
    expect(plan.items).toHaveLength(targets.length);
    expect(items['good']).toMatchObject({
      action: 'update',
      account: 'alice',
      dryRun: 'passed',
      reason: expect.stringMatching(/another token .*Other registries kept: registry\.example\.com/),
    });
    expect(items['missing']).toMatchObject({ action: 'create', dryRun: 'passed' });
    expect(items['unchanged']).toMatchObject({ action: 'unchanged', dryRun: 'not-needed' });
    expect(items['scopes']).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/bob lacks .*force/),
    });
    expect(items['revoked']).toMatchObject({ action: 'skip', reason: expect.stringMatching(/revoked/) });
    expect(items['noaccount']).toMatchObject({
      action: 'skip',
      reason: 'No GitHub account for dave in the keychain: connect dave.',
    });
    expect(items['foreign']).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/credentials of bob, not of the image owner alice/),
    });
    expect(items['multi']).toMatchObject({ action: 'skip', reason: expect.stringMatching(/several owners/) });
    expect(items['wrongtype']).toMatchObject({
      action: 'recreate',
      needsConsent: true,
      dryRun: 'passed',
      reason: expect.stringMatching(/type Opaque.*note are not kept.*quay\.io/),
    });
    expect(items['immutable']).toMatchObject({ action: 'recreate', needsConsent: true, dryRun: 'passed' });
    expect(items['garbage']).toMatchObject({
      action: 'update',
      dryRun: 'passed',
      reason: expect.stringMatching(/malformed \(its "auths" is a string, not an object\)/),
    });
    expect(items['member']).toMatchObject({
      action: 'update',
      owner: 'acme',
      account: 'erin',
      dryRun: 'passed',
    });
    expect(items['finegrained']).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/fine-grained/),
    });
    expect(items['terminating']).toMatchObject({
      action: 'create',
      dryRun: 'failed',
      dryRunMessage: expect.stringMatching(
        /Creating the secret would fail: Forbidden \(403\).*being terminated/,
      ),
    });
    expect(items['frozen']).toMatchObject({
      action: 'update',
      dryRun: 'failed',
      dryRunMessage: expect.stringMatching(/frozen in this namespace/),
    });
    expect(plan.totals).toEqual({ create: 2, update: 4, recreate: 2, unchanged: 1, skip: 6 });
    // Dry runs saved nothing, deleted nothing.
    expect(await readSecretIn(admin, ns('missing'))).toBeUndefined();
    expect((await readSecretIn(admin, ns('wrongtype')))?.type).toBe('Opaque');
    expect((await readSecretIn(admin, ns('immutable')))?.immutable).toBe(true);
    expect((await dockerConfigIn(admin, ns('good'))).auths[host]?.password).toBe(tokens['aliceStale']);
  });

  it('applies it: written where allowed, kept everything else, failed items say why', async () => {
    const { report } = await planAndRun(service, { scope: { kind: 'all' } }, targets);
    const items = itemsOf(report.items);
    const outcomes = Object.fromEntries(Object.entries(items).map(([name, item]) => [name, item.outcome]));
    expect(outcomes).toEqual({
      good: 'updated',
      missing: 'created',
      unchanged: 'unchanged',
      scopes: 'skipped',
      revoked: 'skipped',
      noaccount: 'skipped',
      foreign: 'skipped',
      multi: 'skipped',
      wrongtype: 'skipped',
      immutable: 'skipped',
      garbage: 'updated',
      member: 'updated',
      finegrained: 'skipped',
      frozen: 'failed',
      terminating: 'failed',
    });
    expect(items['wrongtype']?.reason).toMatch(/recreating was not allowed/);
    expect(items['frozen']?.reason).toMatch(/frozen in this namespace/);
    expect(items['terminating']?.reason).toMatch(/Forbidden \(403\).*being terminated/);

    const entry = (config: Awaited<ReturnType<typeof dockerConfigIn>>) => config.auths[host];
    const good = await dockerConfigIn(admin, ns('good'));
    expect(entry(good)).toEqual({
      username: 'alice',
      password: tokens['alice'],
      auth: Buffer.from(`alice:${tokens['alice']}`).toString('base64'),
    });
    expect(good.auths[OTHER_REGISTRY]).toMatchObject(other);
    expect(entry(await dockerConfigIn(admin, ns('missing')))?.password).toBe(tokens['alice']);
    expect((await readSecretIn(admin, ns('missing')))?.type).toBe('kubernetes.io/dockerconfigjson');
    const garbage = await dockerConfigIn(admin, ns('garbage'));
    expect(garbage).toEqual({
      auths: { [host]: expect.objectContaining({ password: tokens['alice'] }) },
      credsStore: 'desktop',
    });
    expect(entry(await dockerConfigIn(admin, ns('member')))).toMatchObject({
      username: 'erin',
      password: tokens['erin'],
    });
    expect(entry(await dockerConfigIn(admin, ns('foreign')))?.password).toBe(tokens['bobOld']);
    expect((await readSecretIn(admin, ns('wrongtype')))?.type).toBe('Opaque');
    expect(await readSecretIn(admin, ns('scopes'))).toBeUndefined();
  });

  it('recreates wrong-type and immutable secrets only with consent, keeping other registries', async () => {
    const { plan, report } = await planAndRun(service, { scope: { kind: 'all' } }, targets, {
      allowRecreate: true,
    });
    expect(itemsOf(plan.items)['wrongtype']?.action).toBe('recreate');
    const items = itemsOf(report.items);
    expect(items['wrongtype']?.outcome).toBe('recreated');
    expect(items['immutable']?.outcome).toBe('recreated');
    const wrongType = await readSecretIn(admin, ns('wrongtype'));
    expect(wrongType?.type).toBe('kubernetes.io/dockerconfigjson');
    expect(Object.keys(wrongType?.data ?? {})).toEqual(['.dockerconfigjson']);
    const recreated = await dockerConfigIn(admin, ns('wrongtype'));
    expect(recreated.auths['quay.io']).toMatchObject(other);
    expect(recreated.auths[host]?.password).toBe(tokens['alice']);
    const immutable = await readSecretIn(admin, ns('immutable'));
    expect(immutable?.immutable).toBeUndefined();
    expect((await dockerConfigIn(admin, ns('immutable'))).auths[OTHER_REGISTRY]).toMatchObject(other);
  });

  it('writes a token lacking the required scopes only when forced', async () => {
    const scoped = targets.filter((t) => t.namespace === ns('scopes'));
    const { plan, report } = await planAndRun(service, { scope: { kind: 'all' }, force: true }, scoped);
    expect(plan.items[0]).toMatchObject({
      action: 'create',
      reason: expect.stringMatching(/Forced: the token of bob lacks/),
    });
    expect(report.items[0]?.outcome).toBe('created');
    expect((await dockerConfigIn(admin, ns('scopes'))).auths[host]?.password).toBe(tokens['bob']);
  });

  it('scopes by owner (including secrets that name the login) and by namespace', async () => {
    const byErin = await service.plan({ scope: { kind: 'owner', owner: 'ERIN' } }, targets);
    expect(byErin.items.map((item) => item.namespace)).toEqual([ns('member')]);
    const byAcme = await service.plan({ scope: { kind: 'owner', owner: 'acme' } }, targets);
    expect(byAcme.items.map((item) => item.namespace)).toEqual([ns('member')]);
    const listed = await service.plan(
      { scope: { kind: 'namespaces', namespaces: [ns('good'), ns('nothing-here')] } },
      targets,
    );
    seen.push(byErin, byAcme, listed);
    expect(listed.items.map((item) => [item.namespace, item.action])).toEqual([
      [ns('good'), 'unchanged'],
      [ns('nothing-here'), 'skip'],
    ]);
    expect(listed.items[1]?.reason).toMatch(/Not a project/);
  });

  it('a second run changes nothing and writes nothing', async () => {
    const settled = targets.filter((t) => t.namespace !== ns('terminating') && t.namespace !== ns('frozen'));
    const before = client.stats();
    const plan = await service.plan({ scope: { kind: 'all' } }, settled);
    const afterPlan = client.stats();
    const first = await service.apply(plan.planId);
    const report = await service.report(first.runId);
    const afterApply = client.stats();
    seen.push(plan, report);
    expect(new Set(plan.items.map((item: PlanItem) => item.action))).toEqual(new Set(['unchanged', 'skip']));
    expect(report.counts).toMatchObject({ created: 0, updated: 0, recreated: 0, failed: 0 });
    // The plan read the pull secrets with one paginated LIST; the apply sent nothing at all.
    expect(
      Object.keys(afterPlan.byMethod).filter(
        (m) => (afterPlan.byMethod[m] ?? 0) !== (before.byMethod[m] ?? 0),
      ),
    ).toEqual(['GET']);
    expect(afterPlan.requests - before.requests).toBeLessThanOrEqual(2);
    expect(afterApply.requests).toBe(afterPlan.requests);
  });
});

describe('a restricted operator', () => {
  it('gets 403 where it may not write, as item failures; retry after the grant fixes just those', async () => {
    const names = ['r0', 'r1', 'r2', 'r3'];
    await createNamespaces(admin, names.map(ns));
    for (const name of names)
      await writeSecret(admin, ns(name), {
        data: {
          '.dockerconfigjson': dockerConfigJson({
            [host]: { username: 'alice', password: tokens['aliceStale'] as string },
          }),
        },
      });
    const adminHttp = await kubeHttpFor(plane.kubeconfigPath);
    await grantSecretWrites(adminHttp, ns('r0'));
    await grantSecretWrites(adminHttp, ns('r1'));
    const restricted = kubeClientFor(plane.restrictedKubeconfigPath);
    try {
      const service = serviceFor(restricted);
      const targets = names.map((name) => target(name, ['alice']));
      const { plan, report } = await planAndRun(service, { scope: { kind: 'all' } }, targets);
      expect(plan.items.map((item) => item.dryRun)).toEqual(['passed', 'passed', 'failed', 'failed']);
      expect(plan.items[2]?.dryRunMessage).toMatch(/Forbidden \(403\).*cannot update resource "secrets"/);
      expect(report.state).toBe('finished');
      expect(report.items.map((item) => item.outcome)).toEqual(['updated', 'updated', 'failed', 'failed']);
      expect(report.items[3]?.reason).toMatch(
        /^Forbidden \(403\): .*restricted-operator.*cannot update resource "secrets"/,
      );

      await grantSecretWrites(adminHttp, ns('r2'));
      await grantSecretWrites(adminHttp, ns('r3'));
      const retry = await service.retryFailed(report.runId);
      expect(retry.total).toBe(2);
      const retried = await service.report(retry.runId);
      seen.push(retry, retried);
      expect(retried.items.map((item) => [item.namespace, item.outcome])).toEqual([
        [ns('r2'), 'updated'],
        [ns('r3'), 'updated'],
      ]);
      for (const name of names)
        expect((await dockerConfigIn(admin, ns(name))).auths[host]?.password).toBe(tokens['alice']);
    } finally {
      await restricted.close();
    }
  });
});

describe('a concurrent writer', () => {
  it('causes 409s: items re-read and converge, keeping the other writer’s change; endless conflicts fail', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `c${i}`);
    const hot = new Set([ns('c0'), ns('c1')]);
    await createNamespaces(admin, names.map(ns));
    for (const name of names)
      await writeSecret(admin, ns(name), {
        data: {
          '.dockerconfigjson': dockerConfigJson({
            [host]: { username: 'alice', password: tokens['aliceStale'] as string },
            [OTHER_REGISTRY]: other,
          }),
        },
      });
    const writer = kubeClientFor(plane.kubeconfigPath);
    const rotated = new Map<string, number>();
    // Another client rotates the other registry's password right before each of our writes lands.
    const rotate = async (namespace: string) => {
      const secret = await readSecretIn(writer, namespace);
      const config = await dockerConfigIn(writer, namespace);
      const round = (rotated.get(namespace) ?? 0) + 1;
      rotated.set(namespace, round);
      config.auths[OTHER_REGISTRY] = { username: 'ci', password: `rotated-${round}` };
      await writer.request({
        method: 'PUT',
        path: `/api/v1/namespaces/${namespace}/secrets/ghcr-secret`,
        body: {
          ...secret,
          data: { '.dockerconfigjson': Buffer.from(JSON.stringify(config)).toString('base64') },
        },
      });
    };
    const client = kubeClientFor(plane.kubeconfigPath);
    const interfering = intercepted(client, async (request) => {
      if (request.method !== 'PUT' || request.query?.['dryRun']) return;
      const namespace = /namespaces\/([^/]+)\/secrets/.exec(request.path)?.[1] ?? '';
      if (hot.has(namespace) || !rotated.has(namespace)) await rotate(namespace);
    });
    try {
      const service = serviceFor(interfering);
      const { report } = await planAndRun(
        service,
        { scope: { kind: 'all' } },
        names.map((name) => target(name, ['alice'])),
      );
      for (const item of report.items) {
        if (hot.has(item.namespace)) {
          expect(item).toMatchObject({
            outcome: 'failed',
            attempts: 5,
            reason: expect.stringMatching(/kept changing .*409/),
          });
          continue;
        }
        expect(item).toMatchObject({ outcome: 'updated', attempts: 2 });
        const config = await dockerConfigIn(admin, item.namespace);
        expect(config.auths[host]?.password).toBe(tokens['alice']);
        expect(config.auths[OTHER_REGISTRY]?.password).toBe('rotated-1');
      }
      expect(rotated.get(ns('c0'))).toBe(5);
    } finally {
      await client.close();
      await writer.close();
    }
  });
});

describe('cancel', () => {
  it('stops mid-run: in-flight items finish, the rest are cancelled, nothing is half-written', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `x${i}`);
    await createNamespaces(admin, names.map(ns));
    for (const name of names)
      await writeSecret(admin, ns(name), {
        data: {
          '.dockerconfigjson': dockerConfigJson({
            [host]: { username: 'alice', password: tokens['aliceStale'] as string },
            [OTHER_REGISTRY]: other,
          }),
        },
      });
    const client = kubeClientFor(plane.kubeconfigPath);
    let runId = '';
    let writes = 0;
    let service: ResyncService | undefined;
    const cancelling = intercepted(client, async (request) => {
      if (request.method !== 'PUT' || request.query?.['dryRun']) return;
      writes += 1;
      if (writes === 6) await service?.cancel(runId);
    });
    try {
      service = serviceFor(cancelling);
      const plan = await service.plan(
        { scope: { kind: 'all' }, concurrency: 2 },
        names.map((n) => target(n, ['alice'])),
      );
      runId = (await service.apply(plan.planId)).runId;
      const report = await service.report(runId);
      seen.push(report);
      expect(report.state).toBe('cancelled');
      expect(report.counts.updated).toBeGreaterThanOrEqual(6);
      expect(report.counts.updated).toBeLessThanOrEqual(7);
      expect(report.counts.updated + report.counts.cancelled).toBe(30);
      expect(writes).toBe(report.counts.updated);
      const { progress: last } = await service.status(runId);
      expect(last).toMatchObject({ state: 'cancelled', done: 30 });
      for (const name of names) {
        const config = await dockerConfigIn(admin, ns(name));
        expect([tokens['alice'], tokens['aliceStale']]).toContain(config.auths[host]?.password);
        expect(config.auths[OTHER_REGISTRY]).toMatchObject(other);
      }
    } finally {
      await client.close();
    }
  });
});

describe('pods stuck on pull errors (node simulator)', () => {
  let simulator: NodeSimulator;

  beforeAll(async () => {
    simulator = await startNodeSimulator({
      kubeconfigPath: plane.kubeconfigPath,
      managesNamespace: (namespace) => namespace.startsWith(ns('pods')),
      backOff: { initialMs: 300, maxMs: 1200 },
      showBackOffAfterMs: 100,
    });
  });
  afterAll(async () => simulator?.stop());

  async function podsOf(namespace: string, app: string) {
    const list = await admin.list<{
      metadata: { name: string; deletionTimestamp?: string };
      status?: { phase?: string; containerStatuses?: { state?: { waiting?: { reason?: string } } }[] };
    }>(`/api/v1/namespaces/${namespace}/pods`, { labelSelector: `app=${app}` });
    return list.items.filter((pod) => !pod.metadata.deletionTimestamp);
  }

  it('turn Running after the re-sync, without a restart; addReferences makes the others list the secret', async () => {
    const namespace = ns('pods');
    await createNamespaces(admin, [namespace]);
    await writeSecret(admin, namespace, {
      data: {
        '.dockerconfigjson': dockerConfigJson({
          [host]: { username: 'alice', password: tokens['aliceStale'] as string },
        }),
      },
    });
    const image = `${host}/alice/web:1.0.0`;
    await createDeployment(admin, namespace, 'web', image, true);
    await createDeployment(admin, namespace, 'api', image, false);
    const stuck = await waitFor('both pods in pull errors', async () => {
      const pods = [...(await podsOf(namespace, 'web')), ...(await podsOf(namespace, 'api'))];
      const reasons = pods.map((pod) => pod.status?.containerStatuses?.[0]?.state?.waiting?.reason);
      return (
        pods.length === 2 && reasons.every((r) => r === 'ErrImagePull' || r === 'ImagePullBackOff') && pods
      );
    });

    const client = kubeClientFor(plane.kubeconfigPath);
    try {
      const service = serviceFor(client);
      const workloads = [
        { kind: 'Deployment' as const, name: 'web', referencesPullSecret: true },
        { kind: 'Deployment' as const, name: 'api', referencesPullSecret: false },
      ];
      const { plan, report } = await planAndRun(service, { scope: { kind: 'all' }, addReferences: true }, [
        { namespace, owners: ['alice'], workloads },
      ]);
      expect(plan.items[0]).toMatchObject({
        action: 'update',
        dryRun: 'passed',
        references: ['Deployment/api', 'ServiceAccount/default'],
      });
      expect(report.items[0]).toMatchObject({
        outcome: 'updated',
        referencesAdded: ['Deployment/api', 'ServiceAccount/default'],
      });

      // web: the same pod, retried by the kubelet's back-off with the fixed secret.
      const webPod = stuck.find((pod) => pod.metadata.name.startsWith('web-'))?.metadata.name;
      await waitFor('web Running in the same pod', async () => {
        const pods = await podsOf(namespace, 'web');
        return pods.length === 1 && pods[0]?.metadata.name === webPod && pods[0]?.status?.phase === 'Running';
      });
      // api: its template now lists the secret, so a new pod rolled out and pulled.
      await waitFor('api Running', async () => {
        const pods = await podsOf(namespace, 'api');
        return pods.length === 1 && pods[0]?.status?.phase === 'Running';
      });
      const account = await admin.request<{ imagePullSecrets?: { name: string }[] }>({
        path: `/api/v1/namespaces/${namespace}/serviceaccounts/default`,
      });
      expect(account.imagePullSecrets).toEqual([{ name: 'ghcr-secret' }]);

      const again = await service.plan({ scope: { kind: 'all' }, addReferences: true }, [
        {
          namespace,
          owners: ['alice'],
          workloads: workloads.map((w) => ({ ...w, referencesPullSecret: true })),
        },
      ]);
      seen.push(again);
      expect(again.items[0]).toMatchObject({ action: 'unchanged', dryRun: 'not-needed' });
      expect(again.items[0]?.references).toBeUndefined();
    } finally {
      await client.close();
    }
  });
});

describe('secrecy', () => {
  it('no token reaches plans, progress, reports, the activity log, log lines or error messages', async () => {
    const service = serviceFor(admin);
    const errors = await Promise.all([
      service.apply('plan-nope').catch((error: Error) => error.message),
      service.retryFailed('run-nope').catch((error: Error) => error.message),
    ]);
    const activityText = await readFile(activity.path, 'utf8');
    expect(activityText.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(6);
    const everything = JSON.stringify({ seen, progress, errors, logs }) + activityText;
    expect(progress.length).toBeGreaterThan(0);
    expect(logs.length).toBeGreaterThan(0);
    const issued = world.github.admin.tokens();
    expect(issued.length).toBeGreaterThanOrEqual(8);
    for (const { token, login } of issued) {
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(Buffer.from(`${login}:${token}`).toString('base64'));
    }
  });
});
