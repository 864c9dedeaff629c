import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  test('opens a sandboxed window on the app protocol, with the contract bridge only', async () => {
    const app = await electron.launch({
      executablePath: binary,
      args: [resolve('out/main/index.js')],
      env: { ...process.env, GHCR_DESK_PROFILE: mkdtempSync(join(tmpdir(), 'ghcr-desk-electron-')) },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
      expect(window.url()).toMatch(/^app:\/\/ghcr-desk\/index\.html/);
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );
      const bridge = await window.evaluate(async () => {
        const desk = (
          globalThis as unknown as {
            desk: { invoke(call: string, input: unknown): Promise<{ ok: boolean }> };
          }
        ).desk;
        return {
          keys: Object.keys(desk),
          frozen: Object.isFrozen(desk),
          status: await desk.invoke('app.status', {}),
        };
      });
      expect(bridge).toMatchObject({ keys: ['invoke', 'on'], frozen: true, status: { ok: true } });
    } finally {
      await app.close();
    }
  });
});
