import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../../../e2e/cluster/wait-for.ts';
import { mint, startEngineWorld, type EngineWorld } from '../../../../e2e/engine/engine-world.ts';
import { b64, createTenant } from '../../../../e2e/engine/tenants.ts';
import type { Project } from '../../../../shared/domain/cluster.ts';
import type { EngineServices } from '../../engine/engine-services.ts';
import { tokenFingerprint } from '../../github/token-fingerprint.ts';

const USERS = ['alice', 'bob', 'carol', 'dave'];

describe('project audit against the real apiserver and the stand-in GitHub', () => {
  const run = uniqueName('aud');
  let world: EngineWorld;
  let services: EngineServices;
  let projects: Map<string, Project>;
  let githubRequests = 0;
  let tokens: { alice: string; aliceOld: string; bob: string; carolRevoked: string };

  beforeAll(async () => {
    world = await startEngineWorld(USERS);
    const { github, admin } = world;
    const host = new URL(github.webUrl).host;
    tokens = {
      alice: mint(github, 'alice'),
      aliceOld: mint(github, 'alice', ['repo']),
      bob: mint(github, 'bob'),
      carolRevoked: mint(github, 'carol'),
    };
    github.admin.revokeToken({ token: tokens.carolRevoked });
    await world.vault.setToken({ host, login: 'alice' }, tokens.alice);
    world.settings = {
      ...world.settings,
      namespaceLabelSelector: `ghcr-desk.test/run=${run}`,
      namespaceNamePattern: `^${run}-`,
    };
    const labels = { 'ghcr-desk.test/run': run };
    const registryHost = github.registryHost;
    const img = (owner: string, repo = 'web') => world.registryImage(owner, repo);
    const ns = (name: string) => `${run}-${name}`;
    const secretOf = (username: string, token: string) => ({ registryHost, username, token });
    await Promise.all([
      createTenant(admin, {
        namespace: ns('ok'),
        labels,
        images: [img('alice')],
        secret: secretOf('alice', tokens.alice),
      }),
      // The same token again: still one GitHub request.
      createTenant(admin, {
        namespace: ns('ok-again'),
        labels,
        images: [img('alice')],
        secret: { ...secretOf('alice', tokens.alice), others: { 'docker.io': { auth: b64('me:pw') } } },
      }),
      createTenant(admin, { namespace: ns('missing'), labels, images: [img('alice')] }),
      createTenant(admin, {
        namespace: ns('stale'),
        labels,
        images: [img('alice')],
        secret: secretOf('alice', tokens.aliceOld),
      }),
      createTenant(admin, {
        namespace: ns('foreign'),
        labels,
        images: [img('alice')],
        secret: secretOf('bob', tokens.bob),
      }),
      createTenant(admin, {
        namespace: ns('foreign-token'),
        labels,
        images: [img('alice')],
        secret: secretOf('alice', tokens.bob),
      }),
      createTenant(admin, {
        namespace: ns('revoked'),
        labels,
        images: [img('carol')],
        secret: secretOf('carol', tokens.carolRevoked),
      }),
      createTenant(admin, {
        namespace: ns('garbage'),
        labels,
        images: [img('alice')],
        // The apiserver only insists on JSON; everything after that is ours to judge.
        secret: {
          raw: {
            type: 'kubernetes.io/dockerconfigjson',
            data: { '.dockerconfigjson': b64('{"auths": "everything"}') },
          },
        },
      }),
      createTenant(admin, {
        namespace: ns('other-registry'),
        labels,
        images: [img('alice')],
        secret: {
          raw: {
            type: 'kubernetes.io/dockerconfigjson',
            data: {
              '.dockerconfigjson': b64(JSON.stringify({ auths: { 'quay.io': { auth: b64('a:b') } } })),
            },
          },
        },
      }),
      createTenant(admin, {
        namespace: ns('wrong-type'),
        labels,
        images: [img('alice')],
        secret: { raw: { type: 'Opaque', immutable: true, data: { token: b64(tokens.alice) } } },
      }),
      createTenant(admin, {
        namespace: ns('unreferenced'),
        labels,
        images: [img('alice')],
        workloads: [{ kind: 'StatefulSet', name: 'db', images: [img('alice', 'db')], pullSecrets: [] }],
        secret: secretOf('alice', tokens.alice),
      }),
      createTenant(admin, {
        namespace: ns('via-account'),
        labels,
        workloads: [{ kind: 'DaemonSet', name: 'agent', images: [img('alice')], pullSecrets: [] }],
        secret: secretOf('alice', tokens.alice),
      }),
      createTenant(admin, {
        namespace: ns('two-owners'),
        labels,
        images: [img('alice')],
        workloads: [{ kind: 'Deployment', name: 'api', images: [img('bob', 'api')] }],
        secret: secretOf('alice', tokens.alice),
      }),
      createTenant(admin, { namespace: ns('not-ours'), labels, images: ['docker.io/library/nginx:1'] }),
      // Matches the label but not the name pattern.
      createTenant(admin, { namespace: `x${run}-ok`, labels, images: [img('alice')] }),
    ]);
    // Admission copies a service account's pull secrets into pods that list none.
    await admin.request('PATCH', `/api/v1/namespaces/${ns('via-account')}/serviceaccounts/default`, {
      contentType: 'application/merge-patch+json',
      body: { imagePullSecrets: [{ name: 'ghcr-secret' }] },
    });
    services = world.services();
    github.admin.resetCounters();
    const audit = await services.audit();
    githubRequests = github.admin.counters().apiRequests;
    projects = new Map(audit.list.projects.map((p) => [p.namespace.slice(run.length + 1), p]));
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('finds exactly the namespaces that pull from the registry and match the rules', () => {
    expect([...projects.keys()].sort()).toEqual(
      [
        'foreign',
        'foreign-token',
        'garbage',
        'missing',
        'ok',
        'ok-again',
        'other-registry',
        'revoked',
        'stale',
        'two-owners',
        'unreferenced',
        'via-account',
        'wrong-type',
      ].sort(),
    );
  });

  it('judges every pull secret state', () => {
    const state = (name: string) => projects.get(name)?.pullSecret.state;
    expect(state('ok')).toBe('ok');
    expect(state('via-account')).toBe('ok');
    expect(state('missing')).toBe('missing');
    expect(state('stale')).toBe('stale');
    expect(state('foreign')).toBe('foreign');
    expect(state('foreign-token')).toBe('foreign');
    expect(state('garbage')).toBe('malformed');
    expect(state('other-registry')).toBe('malformed');
    expect(state('wrong-type')).toBe('wrong-type');
    expect(state('unreferenced')).toBe('unreferenced');
    expect(projects.get('garbage')?.pullSecret.detail).toMatch(/no "auths" object/);
    expect(projects.get('other-registry')?.pullSecret).toMatchObject({
      otherRegistries: ['quay.io'],
      detail: expect.stringMatching(/no entry for 127\.0\.0\.1:\d+/),
    });
    expect(projects.get('unreferenced')?.pullSecret.detail).toContain('StatefulSet/db');
    expect(projects.get('ok-again')?.pullSecret.otherRegistries).toEqual(['docker.io']);
  });

  it('judges the token inside each secret through GitHub, one request per distinct token', () => {
    expect(projects.get('ok')?.pullSecret.tokenHealth).toMatchObject({ state: 'ok', login: 'alice' });
    expect(projects.get('stale')?.pullSecret).toMatchObject({
      fingerprint: tokenFingerprint(tokens.aliceOld),
      tokenHealth: { state: 'missing-scopes', missingScopes: expect.arrayContaining(['read:packages']) },
    });
    expect(projects.get('revoked')?.pullSecret.tokenHealth?.state).toBe('revoked');
    expect(projects.get('foreign-token')?.pullSecret.tokenHealth?.login).toBe('bob');
    // alice (×6), alice's old token, bob (×2), carol's revoked one.
    expect(githubRequests).toBe(4);
  });

  it("flags two owners, another login's token and an immutable secret", () => {
    expect(projects.get('two-owners')).toMatchObject({
      owners: ['alice', 'bob'],
      flags: ['multiple-owners'],
    });
    expect(projects.get('foreign-token')?.flags).toContain('foreign-token');
    expect(projects.get('wrong-type')?.flags).toContain('immutable-secret');
    expect(projects.get('ok')?.flags).toEqual([]);
  });

  it('uses the same handful of cluster-wide LISTs for 3 namespaces and for 40', async () => {
    const small = uniqueName('few');
    const large = uniqueName('many');
    const make = (prefix: string, count: number) =>
      Promise.all(
        Array.from({ length: count }, (_, i) =>
          createTenant(world.admin, {
            namespace: `${prefix}-${i}`,
            labels: { 'ghcr-desk.test/run': prefix },
            images: [world.registryImage('alice')],
            secret: { registryHost: world.github.registryHost, username: 'alice', token: tokens.alice },
          }),
        ),
      );
    await make(small, 3);
    await make(large, 40);
    const requestsFor = async (prefix: string) => {
      world.settings = {
        ...world.settings,
        namespaceLabelSelector: `ghcr-desk.test/run=${prefix}`,
        namespaceNamePattern: '',
      };
      const client = services.cluster.client();
      const before = client.stats().requests;
      const { list } = await services.audit();
      return { requests: client.stats().requests - before, projects: list.projects.length };
    };
    const few = await requestsFor(small);
    const many = await requestsFor(large);
    expect(few.projects).toBe(3);
    expect(many.projects).toBe(40);
    expect(many.requests).toBe(few.requests);
    expect(many.requests).toBeLessThanOrEqual(10);
  });
});
