import { describe, expect, it } from 'vitest';
import type { TokenHealth } from '../../../../shared/domain/github.ts';
import { tokenFingerprint } from '../../github/token-fingerprint.ts';
import type { SecretObject, ServiceAccountObject, WorkloadObject } from '../kube-objects.ts';
import type { ClusterSnapshot } from './cluster-snapshot.ts';
import { discoverProjects } from './project-discovery.ts';
import { auditProject, type AuditFacts } from './pull-secret-audit.ts';

const REGISTRY = '127.0.0.1:5000';
const RULES = { registryHost: REGISTRY, namespaceNamePattern: '^project-', secretName: 'ghcr-secret' };
const b64 = (text: string) => Buffer.from(text).toString('base64');
const ALICE = 'gho_alice0123456789abcdefghijklmnopqrst';
const ALICE_OLD = 'gho_aliceOLD0123456789abcdefghijklmnop';
const BOB = 'gho_bob0123456789abcdefghijklmnopqrstuv';

function deployment(
  ns: string,
  name: string,
  images: string[],
  extra: Partial<WorkloadObject['spec'] & object> = {},
  pullSecrets?: string[],
): WorkloadObject {
  return {
    metadata: { name, namespace: ns },
    spec: {
      ...extra,
      template: {
        spec: {
          containers: images.map((image, i) => ({ name: `c${i}`, image })),
          ...(pullSecrets ? { imagePullSecrets: pullSecrets.map((n) => ({ name: n })) } : {}),
        },
      },
    },
  };
}

function pullSecret(
  ns: string,
  username: string,
  token: string,
  extra: Record<string, unknown> = {},
): SecretObject {
  return {
    metadata: { name: 'ghcr-secret', namespace: ns },
    type: 'kubernetes.io/dockerconfigjson',
    data: {
      '.dockerconfigjson': b64(
        JSON.stringify({
          auths: { [REGISTRY]: { username, password: token, auth: b64(`${username}:${token}`) }, ...extra },
        }),
      ),
    },
  };
}

type Parts = Omit<Partial<ClusterSnapshot>, 'namespaces'>;

function snapshot(parts: Parts & { namespaces: string[] }): ClusterSnapshot {
  return {
    namespaces: parts.namespaces.map((name) => ({ metadata: { name } })),
    workloads: parts.workloads ?? [],
    secrets: parts.secrets ?? [],
    serviceAccounts: parts.serviceAccounts ?? [],
    pods: parts.pods ?? [],
  };
}

const health = (login: string, state: TokenHealth['state'] = 'ok'): TokenHealth => ({
  state,
  login,
  scopes: [],
  missingScopes: state === 'missing-scopes' ? ['read:packages'] : [],
  checkedAt: '2026-12-03T00:00:00Z',
});

function facts(overrides: Partial<AuditFacts> = {}): AuditFacts {
  return {
    registryHost: REGISTRY,
    secretName: 'ghcr-secret',
    tokenHealth: new Map([
      [tokenFingerprint(ALICE), health('alice')],
      [tokenFingerprint(ALICE_OLD), health('alice', 'missing-scopes')],
      [tokenFingerprint(BOB), health('bob')],
    ]),
    keychainFingerprints: new Map([['alice', tokenFingerprint(ALICE)]]),
    ...overrides,
  };
}

const img = (owner: string, repo = 'web') => `${REGISTRY}/${owner}/${repo}:1`;
const dep = (ns: string, owner: string) => ({
  kind: 'Deployment' as const,
  object: deployment(ns, 'web', [img(owner)], {}, ['ghcr-secret']),
});

describe('discoverProjects', () => {
  it('finds namespaces with workloads pulling from the registry, by name pattern, with owners and pods', () => {
    const found = discoverProjects(
      snapshot({
        namespaces: ['project-a', 'project-b', 'kube-system', 'project-docker'],
        workloads: [
          dep('project-a', 'Alice'),
          { kind: 'StatefulSet', object: deployment('project-a', 'db', [img('carol', 'db')]) },
          { kind: 'DaemonSet', object: deployment('kube-system', 'agent', [img('alice')]) },
          { kind: 'Deployment', object: deployment('project-docker', 'web', ['nginx:1']) },
          { kind: 'Deployment', object: deployment('project-gone', 'web', [img('alice')]) },
        ],
        pods: [
          {
            metadata: { name: 'p1', namespace: 'project-a' },
            status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
          },
          {
            metadata: { name: 'p2', namespace: 'project-a' },
            status: {
              phase: 'Pending',
              containerStatuses: [{ name: 'c0', state: { waiting: { reason: 'ImagePullBackOff' } } }],
            },
          },
          { metadata: { name: 'job', namespace: 'project-a' }, status: { phase: 'Succeeded' } },
        ],
      }),
      RULES,
    );
    expect(found.map((p) => p.namespace)).toEqual(['project-a']);
    expect(found[0]).toMatchObject({
      owners: ['alice', 'carol'],
      pods: { total: 2, ready: 1, pullErrors: 1 },
      workloads: [
        { kind: 'Deployment', name: 'web', paused: false, referencesPullSecret: true },
        { kind: 'StatefulSet', name: 'db', referencesPullSecret: false },
      ],
    });
  });

  it('counts a service account that carries the secret, but only for pods that list no pull secret', () => {
    const accounts: ServiceAccountObject[] = [
      { metadata: { name: 'default', namespace: 'project-a' }, imagePullSecrets: [{ name: 'ghcr-secret' }] },
    ];
    const [project] = discoverProjects(
      snapshot({
        namespaces: ['project-a'],
        serviceAccounts: accounts,
        workloads: [
          { kind: 'Deployment', object: deployment('project-a', 'bare', [img('alice')]) },
          {
            kind: 'Deployment',
            object: deployment('project-a', 'other', [img('alice')], {}, ['other-secret']),
          },
        ],
      }),
      RULES,
    );
    expect(project?.workloads.map((w) => [w.name, w.referencesPullSecret])).toEqual([
      ['bare', true],
      ['other', false],
    ]);
  });
});

describe('auditProject: pull secret states', () => {
  function audit(ns: string, parts: Parts, overrides?: Partial<AuditFacts>) {
    const [project] = discoverProjects(snapshot({ namespaces: [ns], ...parts }), RULES);
    if (!project) throw new Error('no project');
    return auditProject(project, facts(overrides));
  }

  it("ok: the owner's current token, referenced everywhere", () => {
    const project = audit('project-ok', {
      workloads: [dep('project-ok', 'alice')],
      secrets: [pullSecret('project-ok', 'alice', ALICE, { 'docker.io': { auth: b64('x:y') } })],
    });
    expect(project.pullSecret).toMatchObject({
      state: 'ok',
      username: 'alice',
      fingerprint: tokenFingerprint(ALICE),
      tokenHealth: { state: 'ok' },
      otherRegistries: ['docker.io'],
    });
    expect(project.flags).toEqual([]);
  });

  it('missing', () => {
    expect(audit('project-m', { workloads: [dep('project-m', 'alice')] }).pullSecret).toMatchObject({
      state: 'missing',
      name: 'ghcr-secret',
    });
  });

  it("stale: another token than the keychain's for that login, with its own health", () => {
    const project = audit('project-s', {
      workloads: [dep('project-s', 'alice')],
      secrets: [pullSecret('project-s', 'alice', ALICE_OLD)],
    });
    expect(project.pullSecret).toMatchObject({ state: 'stale', tokenHealth: { state: 'missing-scopes' } });
  });

  it('not stale when the keychain has no token for the login', () => {
    const project = audit(
      'project-s',
      { workloads: [dep('project-s', 'alice')], secrets: [pullSecret('project-s', 'alice', ALICE_OLD)] },
      { keychainFingerprints: new Map() },
    );
    expect(project.pullSecret.state).toBe('ok');
  });

  it('foreign: another login in the entry', () => {
    const project = audit('project-f', {
      workloads: [dep('project-f', 'alice')],
      secrets: [pullSecret('project-f', 'bob', BOB)],
    });
    expect(project.pullSecret).toMatchObject({ state: 'foreign', username: 'bob' });
    expect(project.pullSecret.detail).toMatch(/bob's account.*alice/);
  });

  it("foreign: the owner's name but another login's token, flagged", () => {
    const project = audit('project-f', {
      workloads: [dep('project-f', 'alice')],
      secrets: [pullSecret('project-f', 'alice', BOB)],
    });
    expect(project.pullSecret.state).toBe('foreign');
    expect(project.flags).toContain('foreign-token');
  });

  it('malformed and wrong-type', () => {
    const garbage: SecretObject = {
      metadata: { name: 'ghcr-secret', namespace: 'project-g' },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': b64('{not json') },
    };
    expect(
      audit('project-g', { workloads: [dep('project-g', 'alice')], secrets: [garbage] }).pullSecret,
    ).toMatchObject({ state: 'malformed', detail: expect.stringMatching(/not JSON/) });
    const opaque: SecretObject = {
      metadata: { name: 'ghcr-secret', namespace: 'project-w' },
      type: 'Opaque',
      immutable: true,
      data: {},
    };
    const wrong = audit('project-w', { workloads: [dep('project-w', 'alice')], secrets: [opaque] });
    expect(wrong.pullSecret.state).toBe('wrong-type');
    expect(wrong.flags).toContain('immutable-secret');
  });

  it('unreferenced: a workload does not get the secret', () => {
    const project = audit('project-u', {
      workloads: [
        dep('project-u', 'alice'),
        { kind: 'Deployment', object: deployment('project-u', 'api', [img('alice', 'api')]) },
      ],
      secrets: [pullSecret('project-u', 'alice', ALICE)],
    });
    expect(project.pullSecret).toMatchObject({
      state: 'unreferenced',
      detail: expect.stringContaining('Deployment/api'),
    });
  });

  it('flags images of two owners', () => {
    const project = audit('project-two', {
      workloads: [
        dep('project-two', 'alice'),
        {
          kind: 'Deployment',
          object: deployment('project-two', 'api', [img('bob', 'api')], {}, ['ghcr-secret']),
        },
      ],
      secrets: [pullSecret('project-two', 'alice', ALICE)],
    });
    expect(project.owners).toEqual(['alice', 'bob']);
    expect(project.flags).toContain('multiple-owners');
  });

  it('the worst state wins: wrong owner beats an unreferenced workload', () => {
    const project = audit('project-x', {
      workloads: [
        dep('project-x', 'alice'),
        { kind: 'Deployment', object: deployment('project-x', 'api', [img('alice', 'api')]) },
      ],
      secrets: [pullSecret('project-x', 'bob', BOB)],
    });
    expect(project.pullSecret.state).toBe('foreign');
  });
});
