import { expect, test, type Page, type WebSocket } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENGINE_PARTS } from '../electron/core/engine/engine-parts.ts';
import { clusterEngine } from '../electron/core/host/cluster-engine.ts';
import { createKeytarVault } from '../electron/core/vault/keytar-vault.ts';
import { startSandbox, type Sandbox } from './sandbox/sandbox.ts';
import { storyCatalog } from './sandbox/story-catalog.ts';
import { nav, watchForProblems } from './support/page-checks.ts';
import { startPanel, type Panel } from './support/panel-server.ts';

// The seed's story, end to end in Chromium against the real parts: the control plane with its simulated
// node pulling from the stand-in ghcr, the stand-in GitHub's consent page, the keychain, the panel's engine
// in serve mode. Projects show their warnings → Reconnect the owner whose token lacks read:packages → the
// consent page is clicked → that owner's pods go from ImagePullBackOff to Running on screen, no reload →
// a bulk re-sync of the rest with its progress bar → nothing left broken. Every WebSocket frame of the
// story is scanned for tokens, and the README's screenshots are taken on the way.
// The README's screenshots: refreshed by `npm run screenshots`; a plain run leaves them beside its report.
const SCREENSHOTS = resolve(
  process.env['GHCR_DESK_UPDATE_SCREENSHOTS'] ? 'docs/screenshots' : 'test-results/screenshots',
);
const OWNER = 'huang-min';
const BROKEN_BY_TOKEN = ['project-chat-prod', 'project-chat-staging'];
const FIXED_BY_RESYNC = ['project-shop-dev', 'project-wiki-staging', 'project-docs-staging'];

let sandbox: Sandbox;
let panel: Panel;
let openBrowser: (url: string) => Promise<void> = () => Promise.reject(new Error('no browser yet'));

test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(900_000); // a first run on a machine builds the control plane
  sandbox = await startSandbox({ catalog: storyCatalog() });
  panel = await startPanel({
    profileDir: sandbox.profileDir,
    engine: clusterEngine({
      ...ENGINE_PARTS,
      vault: createKeytarVault({ service: sandbox.keychainService }),
      openBrowser: (url) => openBrowser(url),
    }),
  });
});

test.afterAll(async () => {
  await panel?.close();
  await sandbox?.stop();
});

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  const keep = (payload: string | Buffer) =>
    frames.push(typeof payload === 'string' ? payload : payload.toString('utf8'));
  page.on('websocket', (socket: WebSocket) => {
    socket.on('framesent', ({ payload }) => keep(payload));
    socket.on('framereceived', ({ payload }) => keep(payload));
  });
  return frames;
}

test('the seed’s story: reconnect the owner, watch the pods recover, re-sync the rest, nothing left broken', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const problems = await watchForProblems(page);
  const frames = recordFrames(page);
  let consent: Promise<void> | undefined;
  openBrowser = async (url) => {
    // The system browser: a tab of its own, where the operator approves as the tenant. Like
    // shell.openExternal, opening returns at once; the approval follows.
    consent = (async () => {
      const tab = await page.context().newPage();
      await tab.goto(url);
      await tab.getByRole('button', { name: `Authorize ${sandbox.oauthApp.name}` }).click();
      await expect(tab.getByText('You can close this tab and return to ghcr-desk.')).toBeVisible();
      await tab.close();
    })();
  };

  // 1. The projects, with their warnings.
  await page.goto(panel.url);
  const grid = page.getByRole('grid', { name: 'Projects' });
  await expect(page.getByText('7 of 7 projects')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('5 of 7 projects are broken')).toBeVisible();
  for (const namespace of BROKEN_BY_TOKEN)
    await expect(grid.getByRole('row').filter({ hasText: namespace })).toContainText('0/1');
  await screenshot(page, 'projects');

  // 2. One of the owner's projects: its pod in ImagePullBackOff and the registry's refusal.
  await grid.getByText(BROKEN_BY_TOKEN[0] ?? '').click();
  await expect(page.getByRole('heading', { level: 1, name: BROKEN_BY_TOKEN[0] })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Pods (0 of 1 ready)' })).toBeVisible();
  await expect(page.getByText('ImagePullBackOff').first()).toBeVisible();
  // kubelet's Event may trail the pod's status by a moment: the watch brings it when it comes.
  await expect(page.getByText(/403 Forbidden/).first()).toBeVisible({ timeout: 30_000 });
  await screenshot(page, 'project-detail');

  // 3. Reconnect from the project's warning: the browser opens, the tenant approves, the flow runs.
  await page.getByRole('button', { name: `Reconnect ${OWNER}` }).click();
  const dialog = page.getByRole('dialog', { name: `Reconnect ${OWNER}` });
  await expect(dialog.getByText(`${OWNER} is reconnected.`)).toBeVisible({ timeout: 60_000 });
  await consent;
  await expect(dialog.getByText('1/1 ready')).toHaveCount(BROKEN_BY_TOKEN.length, { timeout: 90_000 });
  await expect(dialog.getByText('in pull errors')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // 4. The same screen, never reloaded: the pod runs now (the watch said so).
  await expect(page.getByRole('heading', { name: 'Pods (1 of 1 ready)' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('ImagePullBackOff')).toHaveCount(0);
  await expect(page.getByText('No pull errors reported.')).toBeVisible(); // the old ones are history

  await nav(page, 'Accounts').click();
  const account = page.getByRole('row').filter({ hasText: OWNER });
  await expect(account).toContainText('read:packages');
  await expect(account).toContainText('OK');
  await expect(page.getByText(`${OWNER} lacks required scopes`)).toHaveCount(0);
  await screenshot(page, 'accounts');

  // 5. The rest in bulk: the banner's action, the plan, the progress bar, the results.
  await nav(page, 'Projects').click();
  await expect(page.getByText(`${FIXED_BY_RESYNC.length} of 7 projects are broken`)).toBeVisible({
    timeout: 60_000,
  });
  await page.getByRole('link', { name: /Re-sync the broken projects/ }).click();
  await page.getByRole('button', { name: 'Make a plan' }).click();
  const plan = page.getByRole('grid', { name: 'Plan' });
  for (const namespace of FIXED_BY_RESYNC)
    await expect(plan.getByRole('row').filter({ hasText: namespace })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: /^Apply \d+ changes?$/ }).click();
  await page
    .getByRole('dialog', { name: 'Apply the re-sync?' })
    .getByRole('button', { name: /^Apply/ })
    .click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Finished' })).toBeVisible({ timeout: 120_000 });
  const results = page.getByRole('grid', { name: 'Results' });
  for (const namespace of FIXED_BY_RESYNC)
    await expect(results.getByRole('row').filter({ hasText: namespace })).toContainText(/Updated|Created/);
  await screenshot(page, 'resync');

  // 6. Nothing left broken, on the Projects screen as the watch and the audit tell it.
  await nav(page, 'Projects').click();
  await expect(page.getByText('All 7 projects can pull their images.')).toBeVisible({ timeout: 120_000 });
  for (const namespace of [...BROKEN_BY_TOKEN, ...FIXED_BY_RESYNC])
    await expect(grid.getByRole('row').filter({ hasText: namespace })).toContainText('1/1', {
      timeout: 120_000,
    });

  // No token in any frame of the story, in either direction; no console error, no CSP violation.
  const vault = createKeytarVault({ service: sandbox.keychainService });
  const secrets = sandbox.standIn.tokens().map((t) => t.token); // the Reconnect's new one included
  const appSecret = await vault.getAppSecret(new URL(sandbox.githubUrl).host, sandbox.oauthApp.clientId);
  if (appSecret) secrets.push(appSecret);
  expect(frames.length).toBeGreaterThan(20);
  expect(secrets.length).toBeGreaterThan(5);
  const wire = frames.join('\n');
  for (const secret of secrets) expect(wire.includes(secret), 'a secret crossed the WebSocket').toBe(false);
  expect(wire).not.toMatch(/gh[opusr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}/);
  expect(await problems()).toEqual([]);
});
