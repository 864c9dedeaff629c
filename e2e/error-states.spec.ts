import { expect, test } from '@playwright/test';
import type { EngineFactory } from '../electron/core/host/engine.ts';
import { notImplementedEngineHandlers } from '../electron/core/host/not-implemented.ts';
import { nav } from './support/page-checks.ts';
import { startPanel, type Panel } from './support/panel-server.ts';

test.describe('a host without an engine (every engine call answers not-implemented)', () => {
  let panel: Panel;
  test.beforeEach(async () => {
    panel = await startPanel();
  });
  test.afterEach(async () => panel.close());

  test('every screen shows a state, never a blank page, and keyboard navigation works', async ({ page }) => {
    await page.goto(panel.url);
    const main = page.locator('main');

    // Cluster unreachable (no kubeconfig): the banner says what is wrong and what to do.
    const banner = page.getByRole('alert').filter({ hasText: 'Cannot reach the cluster' });
    await expect(banner).toContainText('does not exist');
    await expect(banner.getByRole('button', { name: 'Retry' })).toBeVisible();
    await expect(banner.getByRole('link', { name: 'Open Settings' })).toBeVisible();

    await expect(main.getByText('Not available in this build')).toBeVisible();
    await expect(main).toContainText('no cluster engine yet');

    // Alt+2: Accounts, focus on its heading.
    await page.keyboard.press('Alt+2');
    await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeFocused();
    await expect(main).toContainText('no GitHub connection yet');
    await expect(main).toContainText('Browser login needs an OAuth App');

    await nav(page, 'Re-sync').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Re-sync pull secrets' })).toBeFocused();
    await page.getByRole('combobox', { name: 'Owner' }).fill('acme');
    await page.getByRole('button', { name: 'Make a plan' }).click();
    await expect(main.getByText('Not available in this build')).toBeVisible();

    await nav(page, 'Settings').click();
    await expect(main.getByText('Problem with the kubeconfig')).toBeVisible();
    await expect(main.getByLabel('Kubeconfig', { exact: true })).toHaveValue(/no-kubeconfig/);

    await nav(page, 'Activity').click();
    await expect(main).toContainText('has not changed anything in a cluster yet');

    // The skip link is the first stop of the keyboard and moves focus into the content.
    await page.keyboard.press('Control+Home');
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(main).toBeFocused();
  });

  test('settings are validated beside the field and saved', async ({ page }) => {
    await page.goto(panel.url);
    await nav(page, 'Settings').click();
    const url = page.getByLabel('GitHub URL');
    await url.fill('http://github.example');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'https://' })).toBeVisible();
    await url.fill('https://github.example.com');
    await page.getByLabel('Pull secret name').fill('tenant-pull');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Pull secret name')).toHaveValue('tenant-pull');
  });

  test('a dropped connection is announced with what to do', async ({ page }) => {
    await page.goto(panel.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
    await panel.close();
    await expect(page.getByText('The connection to ghcr-desk was lost')).toBeVisible();
    await expect(page.getByText('open the new URL it printed')).toBeVisible();
  });
});

test.describe('keychain unavailable', () => {
  let panel: Panel;
  const keychainDown: EngineFactory = () => ({
    handlers: notImplementedEngineHandlers(),
    probes: {
      keychain: async () => ({ available: false, problem: 'Cannot autolaunch D-Bus without X11 $DISPLAY.' }),
    },
  });
  test.beforeAll(async () => {
    panel = await startPanel({ engine: keychainDown });
  });
  test.afterAll(async () => panel.close());

  test('shows the banner with the reason and disables adding accounts', async ({ page }) => {
    await page.goto(panel.url);
    const banner = page.getByRole('alert').filter({ hasText: 'The OS keychain is not available' });
    await expect(banner).toContainText('Cannot autolaunch D-Bus');
    await nav(page, 'Accounts').click();
    await expect(page.getByRole('button', { name: 'Add account' })).toBeDisabled();
  });
});

test.describe('live pod updates paused', () => {
  let panel: Panel;
  const watchFailing: EngineFactory = () => ({
    handlers: notImplementedEngineHandlers(),
    probes: {
      cluster: async () => ({ context: 'prod', server: 'https://k3s.example:6443', reachable: true }),
      livePods: () => ({
        state: 'retrying',
        problem:
          "The kubeconfig's user may not list or watch pods and events in all namespaces (403 Forbidden): pods is forbidden",
      }),
    },
  });
  test.beforeAll(async () => {
    panel = await startPanel({ engine: watchFailing });
  });
  test.afterAll(async () => panel.close());

  test('says why and that the pods shown may be out of date', async ({ page }) => {
    await page.goto(panel.url);
    const banner = page.getByRole('alert').filter({ hasText: 'Live pod updates are paused' });
    await expect(banner).toContainText('403 Forbidden');
    await expect(banner).toContainText('may be out of date');
    await expect(page.getByRole('alert').filter({ hasText: 'Cannot reach the cluster' })).toHaveCount(0);
  });
});
