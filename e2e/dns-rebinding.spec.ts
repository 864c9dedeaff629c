import { expect, test } from '@playwright/test';
import { CHROMIUM_EXECUTABLE } from '../playwright.config.ts';
import { startPanel, type Panel } from './support/panel-server.ts';

// The browser resolves rebind.test to 127.0.0.1, as an attacker's rebinding DNS would make it do.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_EXECUTABLE,
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
  },
});

let panel: Panel;
test.beforeAll(async () => {
  panel = await startPanel();
});
test.afterAll(async () => panel.close());

test('a page loaded under a rebound host name gets 421 and no panel', async ({ page }) => {
  const response = await page.goto(`http://rebind.test:${panel.port}/#token=${panel.token}`);
  expect(response?.status()).toBe(421);
  await expect(page.getByRole('navigation')).toHaveCount(0);
});
