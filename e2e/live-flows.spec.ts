import { expect, test } from '@playwright/test';
import type { Account } from '../shared/domain/github.ts';
import { generateProjects } from './support/generated-projects.ts';
import { nav, watchForProblems } from './support/page-checks.ts';
import { startPanel, type Panel } from './support/panel-server.ts';
import { createStubEngine, type StubEngine } from './support/stub-engine.ts';

// The UI flows against the stand-in engine: pushed events reach the screens without a reload. The seed's
// story against the real control plane and stand-in GitHub comes with the engine (issue 6, second half).
const projects = generateProjects(30, 4);
const stuck = projects.find(
  (project) => project.pods.pullErrors > 0 && project.pullSecret.state === 'missing',
);
const failing = projects.find((project) => project.pullSecret.state === 'stale');
const accounts: Account[] = [
  {
    host: 'github.com',
    login: 'tenant-02',
    tokenKind: 'oauth',
    fingerprint: 'sha256:0123456789ab',
    health: {
      state: 'missing-scopes',
      scopes: ['repo', 'workflow'],
      missingScopes: ['read:packages', 'write:packages'],
      checkedAt: '2026-12-01T10:00:00.000Z',
    },
    addedAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
  },
];

let panel: Panel;
let engine: StubEngine;
test.beforeEach(async () => {
  engine = createStubEngine({ projects, accounts, failing: new Set(failing ? [failing.namespace] : []) });
  panel = await startPanel({ engine: engine.factory });
});
test.afterEach(async () => panel.close());

test('project detail: pods in ImagePullBackOff turn Running when the watch says so, without a reload', async ({
  page,
}) => {
  if (!stuck) throw new Error('the generated mix has no stuck project');
  const problems = await watchForProblems(page);
  await page.goto(panel.url);
  await page.getByRole('grid', { name: 'Projects' }).getByText(stuck.namespace).click();
  await expect(page.getByRole('heading', { level: 1, name: stuck.namespace })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Pods (0 of 2 ready)' })).toBeVisible();
  await expect(page.getByText('ImagePullBackOff').first()).toBeVisible();
  await expect(page.getByText('401 Unauthorized').first()).toBeVisible();

  engine.podsRecover([stuck.namespace]);
  await expect(page.getByRole('heading', { name: 'Pods (2 of 2 ready)' })).toBeVisible();
  await expect(page.getByText('ImagePullBackOff')).toHaveCount(0);

  await nav(page, 'Projects').click();
  const row = page.getByRole('row').filter({ hasText: stuck.namespace });
  await expect(row).toContainText('2/2');
  expect(await problems()).toEqual([]);
});

test('reconnect: one click, waiting for the browser, approval, live progress, the owner’s pods recover', async ({
  page,
}) => {
  await page.goto(panel.url);
  await nav(page, 'Accounts').click();
  await expect(page.getByText('tenant-02 lacks required scopes')).toBeVisible();
  await expect(page.getByRole('note')).toContainText('read:packages write:packages');
  await page
    .getByRole('row')
    .filter({ hasText: 'tenant-02' })
    .getByRole('button', { name: 'Reconnect' })
    .click();

  const dialog = page.getByRole('dialog', { name: 'Reconnect tenant-02' });
  await expect(dialog.getByText('Waiting for the browser: sign in to github.com as tenant-02')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible();
  engine.approveReconnect();
  await expect(dialog.getByText('tenant-02 is reconnected.')).toBeVisible();
  const ownerProjects = projects.filter((project) => project.owner === 'tenant-02');
  await expect(dialog.getByText('2/2 ready')).toHaveCount(ownerProjects.length);
  await expect(dialog.getByText('in pull errors')).toHaveCount(0);
});

test('reconnect can be cancelled while waiting for the browser', async ({ page }) => {
  await page.goto(panel.url);
  await nav(page, 'Accounts').click();
  await page
    .getByRole('row')
    .filter({ hasText: 'tenant-02' })
    .getByRole('button', { name: 'Reconnect' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Reconnect tenant-02' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByText('Cancelled. Nothing was changed.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});

test('re-sync: scope, plan, confirm, progress, results with reasons, retry the failed', async ({ page }) => {
  await page.goto(panel.url);
  // The banner's one action leads to a re-sync of the broken projects.
  await page.getByRole('link', { name: /Re-sync the broken projects/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Re-sync pull secrets' })).toBeVisible();
  await expect(page.getByLabel(/The projects filtered on the Projects screen/)).toBeChecked();
  await page.getByRole('button', { name: 'Make a plan' }).click();

  const plan = page.getByRole('grid', { name: 'Plan' });
  await expect(plan.getByRole('row').filter({ hasText: 'reconnect it first' }).first()).toBeVisible();
  await page.getByRole('button', { name: /^Apply \d+ changes$/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Apply the re-sync?' });
  await expect(confirm).toContainText('stub-cluster');
  await confirm.getByRole('button', { name: /^Apply/ }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Finished' })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveAttribute('value', /\d+/);
  const results = page.getByRole('grid', { name: 'Results' });
  await expect(results.getByRole('row').filter({ hasText: 'Conflict after 5 attempts' })).toBeVisible();
  await page.getByRole('button', { name: 'Retry the 1 failed' }).click();
  await expect(page).toHaveURL(/run=run-/);
  await expect(page.getByRole('status').filter({ hasText: 'Finished' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Retry the/ })).toHaveCount(0);
  await expect(results.getByRole('row').filter({ hasText: failing?.namespace ?? '' })).toContainText(
    'Updated',
  );
});
