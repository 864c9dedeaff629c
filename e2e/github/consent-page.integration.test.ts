import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { startStandInGitHub, type StandInGitHub } from './stand-in-github.ts';

let github: StandInGitHub;
let browser: Browser;

beforeAll(async () => {
  github = await startStandInGitHub();
  for (const login of ['alice', 'bob']) github.admin.createUser({ login });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  await github.stop();
});

it('lets a browser pick an account on the consent page and click Authorize', async () => {
  const app = github.admin.registerApp({ name: 'Desk', callbackUrl: 'http://127.0.0.1/callback' });
  const callbacks: URL[] = [];
  const receiver = createServer((request, response) => {
    callbacks.push(new URL(request.url ?? '/', 'http://127.0.0.1'));
    response.end('received');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  try {
    const page = await browser.newPage();
    const authorize = new URL('/login/oauth/authorize', github.webUrl);
    authorize.search = new URLSearchParams({
      client_id: app.clientId,
      redirect_uri: `http://127.0.0.1:${port}/callback`,
      scope: 'repo read:packages',
      state: 'xyz',
      login: 'alice',
      prompt: 'select_account',
    }).toString();
    await page.goto(authorize.toString());
    await expect.poll(() => page.getByLabel('Account').inputValue()).toBe('alice');
    await page.getByLabel('Account').selectOption('bob');
    await page.getByRole('button', { name: 'Authorize Desk' }).click();
    await page.waitForURL(/\/callback\?/);
    expect(await page.textContent('body')).toBe('received');

    const [callback] = callbacks;
    expect(callback?.searchParams.get('state')).toBe('xyz');
    const response = await fetch(`${github.webUrl}/login/oauth/access_token`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: app.clientId,
        client_secret: app.clientSecret,
        code: callback?.searchParams.get('code'),
        redirect_uri: `http://127.0.0.1:${port}/callback`,
      }),
    });
    const { access_token } = (await response.json()) as { access_token: string };
    expect(github.admin.tokenInfo({ token: access_token })).toMatchObject({
      login: 'bob',
      scopes: ['read:packages', 'repo'],
    });
  } finally {
    receiver.closeAllConnections();
    receiver.close();
  }
});
