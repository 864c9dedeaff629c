import { expect, test } from '@playwright/test';
import { generateProjects } from './support/generated-projects.ts';
import { watchForProblems } from './support/page-checks.ts';
import { startPanel, type Panel } from './support/panel-server.ts';
import { createStubEngine } from './support/stub-engine.ts';

const COUNT = 5_000;
/** Rows in the DOM may not grow with the data: the viewport's worth plus overscan. */
const MAX_DOM_ROWS = 60;

const projects = generateProjects(COUNT);
const last = projects.at(-1)?.namespace ?? '';

let panel: Panel;
test.beforeAll(async () => {
  panel = await startPanel({ engine: createStubEngine({ projects }).factory });
});
test.afterAll(async () => panel.close());

const bodyRows = '.vt-body [role="row"]';

test('5,000 projects render, scroll and sort with bounded DOM rows and no CSP violation', async ({
  page,
}) => {
  const problems = await watchForProblems(page);
  const started = Date.now();
  await page.goto(panel.url);
  const grid = page.getByRole('grid', { name: 'Projects' });
  await expect(grid.getByRole('row').nth(1)).toContainText('project-00000');
  const firstRenderMs = Date.now() - started;
  await expect(page.getByText(`${COUNT} of ${COUNT} projects`)).toBeVisible();
  await expect(grid).toHaveAttribute('aria-rowcount', String(COUNT + 1));
  expect(await page.locator(bodyRows).count()).toBeLessThanOrEqual(MAX_DOM_ROWS);

  // Scroll to the very end: the last project shows, the DOM still holds a bounded window of rows.
  const scroller = page.locator('.vt-scroll');
  const frames = await scroller.evaluate(async (element) => {
    const times: number[] = [];
    let last = performance.now();
    for (let step = 0; step < 60; step += 1) {
      element.scrollTop += element.scrollHeight / 60;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times.sort((a, b) => a - b);
  });
  await expect(grid.getByText(last)).toBeVisible();
  const domRows = await page.locator(bodyRows).count();
  expect(domRows).toBeLessThanOrEqual(MAX_DOM_ROWS);
  // Rows are positioned through the CSSOM, never a style attribute in markup (blocked by the CSP).
  expect(await page.locator(`${bodyRows}[style*="translateY"]`).count()).toBeGreaterThan(0);

  // Sort by pull errors, descending: the broken ones first.
  await grid.getByRole('button', { name: 'Pull errors' }).click();
  await grid.getByRole('button', { name: 'Pull errors' }).click();
  await expect(grid.getByRole('columnheader', { name: /Pull errors/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(page.locator(bodyRows).first()).toContainText('2');

  // Filter and search narrow it down; "/" focuses the search field.
  await page.locator('main h1').click();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await page.keyboard.type('tenant-07');
  await page.getByLabel('State').selectOption('broken');
  // tenant-07 owns every 40th project (125), all "stale" in the generated mix.
  await expect(page.getByText(/^125 of 5000 projects$/)).toBeVisible();
  expect(page.url()).toContain('state=broken');

  console.log(
    JSON.stringify({
      rows: COUNT,
      domRows,
      firstRenderMs,
      scrollFrameMs: { median: frames[30], p95: frames[57], max: frames[59] },
    }),
  );
  expect(await problems()).toEqual([]);
});

test('the table is keyboard-navigable: arrows, End, Enter opens the project', async ({ page }) => {
  await page.goto(panel.url);
  const grid = page.getByRole('grid', { name: 'Projects' });
  await expect(grid.getByRole('row').nth(1)).toBeVisible();
  await page.locator(bodyRows).first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(`${bodyRows}[data-index="1"]`)).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.locator(`${bodyRows}[data-index="${COUNT - 1}"]`)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: last })).toBeVisible();
});
