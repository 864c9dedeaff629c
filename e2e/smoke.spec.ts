import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServeServer, type RunningServeServer } from '../electron/core/serve/serve-server.ts';

let serve: RunningServeServer;
test.beforeAll(async () => {
  serve = await startServeServer({ rendererDir: resolve('out/renderer') });
});
test.afterAll(async () => serve.close());

test('the built renderer loads and shows the app name', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { name: 'ghcr-desk' })).toBeVisible();
  expect(errors).toEqual([]);
});
