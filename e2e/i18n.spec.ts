import { expect, test } from '@playwright/test';
import { nav } from './support/page-checks.ts';
import { startPanel, type Panel } from './support/panel-server.ts';

let panel: Panel;
test.beforeEach(async () => {
  panel = await startPanel();
});
test.afterEach(async () => panel.close());

test.describe('a browser in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('gets Simplified Chinese from the OS/browser language', async ({ page }) => {
    await page.goto(panel.url);
    await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: '项目' })).toBeVisible();
    await expect(page.getByText('此版本暂不支持')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });
});

test.describe('a browser in English', () => {
  test.use({ locale: 'en-US' });

  test('switches to 中文 in Settings, keeps it after a reload, and back', async ({ page }) => {
    await page.goto(panel.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
    await nav(page, 'Settings').click();
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
    await expect(nav(page, '项目')).toBeVisible();
    await expect(page.getByText('集群', { exact: true })).toBeVisible();

    await page.reload(); // the token lives in sessionStorage, the language in the settings file
    await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();

    await page.getByLabel('语言').selectOption('en');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  });
});
