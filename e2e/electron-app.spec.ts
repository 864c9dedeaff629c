import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/** Where `npm install electron` put (or would put) the binary; absent when it could not be downloaded. */
function electronBinary(): string | undefined {
  const packageDir = resolve('node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();

test.describe('desktop app (Electron)', () => {
  test.skip(
    !binary,
    'Electron binary not downloaded on this machine (no internet); serve-mode specs cover the renderer',
  );

  test('opens a sandboxed window on the app protocol that shows the app name', async () => {
    const app = await electron.launch({ executablePath: binary, args: [resolve('out/main/index.js')] });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { name: 'ghcr-desk' })).toBeVisible();
      expect(window.url()).toBe('app://ghcr-desk/index.html');
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );
    } finally {
      await app.close();
    }
  });
});
