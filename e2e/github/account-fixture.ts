import { randomBytes } from 'node:crypto';
import { DEFAULT_REQUIRED_SCOPES } from '../../shared/domain/github.ts';
import {
  createMemoryAccountRecords,
  type AccountRecordStore,
} from '../../electron/core/github/account-records.ts';
import {
  createAccountService,
  type AccountService,
  type GitHubSettings,
} from '../../electron/core/github/account-service.ts';
import type { BrowserOpener } from '../../electron/core/github/loopback-oauth.ts';
import { createKeytarVault } from '../../electron/core/vault/keytar-vault.ts';
import type { TokenVault } from '../../electron/core/vault/token-vault.ts';
import type { StandInApp } from './stand-in-model.ts';
import { startStandInGitHub, type StandInGitHub, type StandInGitHubOptions } from './stand-in-github.ts';

export interface AccountFixture {
  readonly github: StandInGitHub;
  readonly app: StandInApp;
  /** The real keychain, under a service name of its own so parallel test files never meet. */
  readonly vault: TokenVault;
  readonly records: AccountRecordStore;
  readonly settings: GitHubSettings;
  readonly service: AccountService;
  /** What "the system browser" does with the authorization URL; tests replace it. */
  open: BrowserOpener;
  stop(): Promise<void>;
}

/**
 * The product's AccountService wired to the stand-in GitHub (through the GitHub Enterprise Server URL
 * setting, as a user would) and to the real keychain. Users alice and bob exist; the OAuth app is
 * registered with the loopback callback and its secret sits in the keychain.
 */
export async function createAccountFixture(
  options: StandInGitHubOptions & { loginTimeoutMs?: number; now?: () => number } = {},
): Promise<AccountFixture> {
  const github = await startStandInGitHub(options);
  for (const login of ['alice', 'bob']) github.admin.createUser({ login });
  const app = github.admin.registerApp({ name: 'ghcr-desk', callbackUrl: 'http://127.0.0.1/callback' });
  const vault = createKeytarVault({ service: `ghcr-desk-test-${randomBytes(6).toString('hex')}` });
  const records = createMemoryAccountRecords();
  const settings: GitHubSettings = {
    githubUrl: github.webUrl,
    registryUrl: github.registryUrl,
    requiredScopes: [...DEFAULT_REQUIRED_SCOPES],
    oauthClientId: app.clientId,
  };
  const fixture: AccountFixture = {
    github,
    app,
    vault,
    records,
    settings,
    open: () => Promise.reject(new Error('no browser in this test')),
    service: createAccountService({
      settings: () => settings,
      vault,
      records,
      openBrowser: (url) => fixture.open(url),
      ...(options.loginTimeoutMs ? { loginTimeoutMs: options.loginTimeoutMs } : {}),
      ...(options.now ? { now: options.now } : {}),
    }),
    async stop() {
      for (const key of await vault.listTokens()) await vault.deleteToken(key);
      await vault.deleteAppSecret(new URL(github.webUrl).host, app.clientId);
      await github.stop();
    },
  };
  await fixture.service.setOAuthClientSecret(app.clientSecret);
  return fixture;
}

/** A browser that follows GitHub's redirect straight back to the app (consent in auto-approve mode). */
export async function followRedirects(url: string): Promise<Response> {
  const authorize = await fetch(url, { redirect: 'manual' });
  return fetch(authorize.headers.get('location') ?? '', { redirect: 'manual' });
}

/** Where GitHub would send the browser, without going there. */
export async function redirectTarget(url: string): Promise<URL> {
  const authorize = await fetch(url, { redirect: 'manual' });
  return new URL(authorize.headers.get('location') ?? '');
}
