import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{electron,shared,renderer,e2e,scripts,bench}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
        },
      },
      {
        // Against real parts: the control plane, the keyring, the stand-in GitHub. Run by scripts/test.ts
        // inside a D-Bus session with an unlocked gnome-keyring.
        test: {
          name: 'integration',
          include: ['{electron,e2e,scripts,bench}/**/*.integration.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 900_000,
          // One Kubernetes control plane per run, started when a test file first asks for it.
          globalSetup: ['e2e/cluster/vitest-global-setup.ts'],
        },
      },
    ],
  },
});
