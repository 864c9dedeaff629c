import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_EXECUTABLE } from '../../playwright.config.ts';

/** Debian's Chromium as the tests' "system browser" (same flags as the Playwright config). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}
