import { expect, test } from '@playwright/test';
import { startPanel, type Panel } from './support/panel-server.ts';
import { nav, watchForProblems } from './support/page-checks.ts';

let panel: Panel;
test.beforeAll(async () => {
  panel = await startPanel();
});
test.afterAll(async () => panel.close());

test('the built renderer loads in serve mode: app shell, token out of the address bar, no errors', async ({
  page,
}) => {
  const problems = await watchForProblems(page);
  await page.goto(panel.url);
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await expect(nav(page, 'Projects')).toHaveAttribute('aria-current', 'page');
  expect(page.url()).toBe(`${panel.origin}/#/projects`);
  // The contract answered over the WebSocket: the host's real status and its not-implemented engine calls.
  await expect(page.getByText('Not available in this build')).toBeVisible();
  expect(await problems()).toEqual([]);
});
