import { defineConfig } from '@playwright/test';

/** Debian's Chromium (the /usr/bin/chromium wrapper script misbehaves under Playwright). */
export const CHROMIUM_EXECUTABLE = process.env['CHROMIUM_PATH'] ?? '/usr/lib/chromium/chromium';

export default defineConfig({
  // Playwright follows tsconfig references into the renderer/shared `paths`, which map main-process modules
  // to config/forbidden-import.ts; specs are main-side code (they start serve mode in-process), so they get
  // a config without references (it includes shared/ itself).
  tsconfig: './tsconfig.e2e.json',
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_EXECUTABLE,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
