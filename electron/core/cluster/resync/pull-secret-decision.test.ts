import { describe, expect, it } from 'vitest';
import type { TokenHealth } from '../../../../shared/domain/github.ts';
import { withRegistryEntry, type JsonObject } from '../docker-config.ts';
import type { KubeSecret } from './kube-secret.ts';
import { decidePullSecret, type DecisionContext, type ResyncAccount } from './pull-secret-decision.ts';
import type { ResyncTarget } from './resync-target.ts';
import { mintTokenValue } from '../../../../e2e/github/token-shapes.ts';

const HOST = 'ghcr.io';
const ALICE = mintTokenValue('oauth');
const BOB = mintTokenValue('oauth');
const OLD = mintTokenValue('oauth');
const b64 = (text: string) => Buffer.from(text).toString('base64');
const checkedAt = '2026-12-01T00:00:00.000Z';

const health = (
  state: TokenHealth['state'],
  login?: string,
  extra: Partial<TokenHealth> = {},
): TokenHealth => ({
  state,
  scopes: [],
  missingScopes: [],
  checkedAt,
  ...(login ? { login } : {}),
  ...extra,
});

function accounts(...list: ResyncAccount[]): Map<string, ResyncAccount> {
  return new Map(list.map((account) => [account.login.toLowerCase(), account]));
}

const alice: ResyncAccount = { login: 'alice', token: ALICE, health: health('ok', 'alice') };
const bob: ResyncAccount = { login: 'bob', token: BOB, health: health('ok', 'bob') };

function context(list: Map<string, ResyncAccount>, force = false): DecisionContext {
  return { registryHost: HOST, secretName: 'ghcr-secret', force, accounts: list };
}

function target(...owners: string[]): ResyncTarget {
  return { namespace: 'project-a-prod', owners, workloads: [] };
}

function secret(config: JsonObject | string, extra: Partial<KubeSecret> = {}): KubeSecret {
  return {
    metadata: { name: 'ghcr-secret', namespace: 'project-a-prod', resourceVersion: '7', uid: 'u1' },
    type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': b64(typeof config === 'string' ? config : JSON.stringify(config)) },
    ...extra,
  };
}

const decide = (t: ResyncTarget | undefined, s: KubeSecret | undefined, c: DecisionContext) =>
  decidePullSecret('project-a-prod', t, s, c);

describe('the re-sync decision table', () => {
  it('creates a missing secret with the owner’s token, and holds the token only in the config', () => {
    const decision = decide(target('alice'), undefined, context(accounts(alice)));
    expect(decision).toMatchObject({ action: 'create', owner: 'alice', account: 'alice' });
    expect(decision.action === 'create' && decision.config).toEqual(
      withRegistryEntry({}, HOST, 'alice', ALICE),
    );
    expect(decision.reason).not.toContain(ALICE);
  });

  it('leaves a secret that already holds exactly that unchanged', () => {
    const current = withRegistryEntry({ auths: { 'quay.io': { auth: 'eA==' } } }, HOST, 'alice', ALICE);
    expect(decide(target('alice'), secret(current), context(accounts(alice)))).toMatchObject({
      action: 'unchanged',
      account: 'alice',
    });
  });

  it('updates a stale token, naming fingerprints (never tokens) and the registries kept', () => {
    const current = withRegistryEntry({ auths: { 'quay.io': { auth: 'eA==' } } }, HOST, 'alice', OLD);
    const decision = decide(target('alice'), secret(current), context(accounts(alice)));
    expect(decision.action).toBe('update');
    expect(decision.reason).toMatch(/another token \(sha256:[0-9a-f]{12}\).*Other registries kept: quay\.io/);
    expect(decision.reason).not.toContain(OLD);
    expect(decision.action === 'update' && decision.config['auths']).toMatchObject({
      'quay.io': { auth: 'eA==' },
      [HOST]: { username: 'alice', password: ALICE },
    });
  });

  it('rewrites a malformed document and says what was wrong and what cannot be kept', () => {
    const noAuths = decide(
      target('alice'),
      secret('{"auths":"nope","credsStore":"x"}'),
      context(accounts(alice)),
    );
    expect(noAuths).toMatchObject({ action: 'update', reason: expect.stringMatching(/"auths" is a string/) });
    expect(noAuths.action === 'update' && noAuths.config['credsStore']).toBe('x');

    const notJson = decide(
      target('alice'),
      secret('', { data: { '.dockerconfigjson': b64('not json') } }),
      context(accounts(alice)),
    );
    expect(notJson).toMatchObject({
      action: 'update',
      reason: expect.stringMatching(/not JSON.*cannot be kept/),
    });
  });

  it('recreates wrong-type and immutable secrets, which needs consent', () => {
    const opaque = secret('', {
      type: 'Opaque',
      data: { password: b64('x'), '.dockerconfigjson': b64('{"auths":{"quay.io":{}}}') },
    });
    const wrongType = decide(target('alice'), opaque, context(accounts(alice)));
    expect(wrongType).toMatchObject({
      action: 'recreate',
      reason: expect.stringMatching(/type Opaque.*consent.*password are not kept.*quay\.io/),
    });
    const stale = withRegistryEntry({}, HOST, 'alice', OLD);
    expect(
      decide(target('alice'), secret(stale, { immutable: true }), context(accounts(alice))),
    ).toMatchObject({
      action: 'recreate',
      reason: expect.stringMatching(/immutable/),
    });
    const fresh = withRegistryEntry({}, HOST, 'alice', ALICE);
    expect(decide(target('alice'), secret(fresh, { immutable: true }), context(accounts(alice))).action).toBe(
      'unchanged',
    );
  });

  it('never writes one login’s token where the secret or the images belong to another', () => {
    const bobs = withRegistryEntry({}, HOST, 'bob', OLD);
    expect(decide(target('alice'), secret(bobs), context(accounts(alice, bob)))).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/credentials of bob, not of the image owner alice/),
    });
    expect(decide(target('alice', 'carol'), undefined, context(accounts(alice)))).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/several owners \(alice, carol\)/),
    });
    const misfiled: ResyncAccount = { login: 'alice', token: BOB, health: health('ok', 'bob') };
    expect(decide(target('alice'), undefined, context(accounts(misfiled)))).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/filed under alice belongs to bob/),
    });
  });

  it('uses the account the secret names when the owner (an org) has none', () => {
    const named = withRegistryEntry({}, HOST, 'bob', OLD);
    expect(decide(target('acme'), secret(named), context(accounts(bob)))).toMatchObject({
      action: 'update',
      owner: 'acme',
      account: 'bob',
      reason: expect.stringMatching(/names bob as the account it uses for acme's images/),
    });
    expect(decide(target('acme'), undefined, context(accounts(bob)))).toMatchObject({
      action: 'skip',
      reason: 'No GitHub account for acme in the keychain: connect acme.',
    });
    expect(
      decide(target('acme'), secret(withRegistryEntry({}, HOST, 'dave', OLD)), context(accounts())),
    ).toMatchObject({ action: 'skip', reason: expect.stringMatching(/acme or dave .*connect dave/) });
  });

  it('refuses unusable tokens, and writes tokens lacking scopes only when forced', () => {
    const lacking: ResyncAccount = {
      login: 'alice',
      token: ALICE,
      health: health('missing-scopes', 'alice', { missingScopes: ['read:packages'] }),
    };
    expect(decide(target('alice'), undefined, context(accounts(lacking)))).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/lacks read:packages/),
    });
    expect(decide(target('alice'), undefined, context(accounts(lacking), true))).toMatchObject({
      action: 'create',
      reason: expect.stringMatching(/Forced: the token of alice lacks read:packages/),
    });
    const revoked = {
      login: 'alice',
      token: ALICE,
      health: health('revoked', undefined, { message: 'revoked!' }),
    };
    expect(decide(target('alice'), undefined, context(accounts(revoked), true))).toMatchObject({
      action: 'skip',
      reason: 'revoked!',
    });
    const fineGrained = { login: 'alice', token: ALICE, health: health('not-classic', 'alice') };
    expect(decide(target('alice'), undefined, context(accounts(fineGrained), true)).action).toBe('skip');
    const empty = { login: 'alice', token: '', health: health('ok', 'alice') };
    expect(decide(target('alice'), undefined, context(accounts(empty), true))).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/holds no token/),
    });
    const spaced = { login: 'alice', token: `${ALICE}\n`, health: health('ok', 'alice') };
    expect(decide(target('alice'), undefined, context(accounts(spaced))).action).toBe('skip');
    const unknown = {
      login: 'alice',
      token: ALICE,
      health: health('unknown', undefined, { message: 'offline' }),
    };
    expect(decide(target('alice'), undefined, context(accounts(unknown)))).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/could not be checked: offline/),
    });
    const changed = { ...alice, unusable: 'changed after the plan' };
    expect(decide(target('alice'), undefined, context(accounts(changed), true)).reason).toBe(
      'changed after the plan',
    );
  });

  it('skips namespaces that are no project, and secrets being deleted', () => {
    expect(decide(undefined, undefined, context(accounts(alice))).reason).toMatch(/Not a project/);
    expect(decide(target(), undefined, context(accounts(alice))).action).toBe('skip');
    const leaving = secret(
      { auths: {} },
      {
        metadata: { name: 'ghcr-secret', namespace: 'project-a-prod', deletionTimestamp: checkedAt },
      },
    );
    expect(decide(target('alice'), leaving, context(accounts(alice))).reason).toMatch(/being deleted/);
  });
});
