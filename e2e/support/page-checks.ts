import type { Locator, Page } from '@playwright/test';

/** Console errors, page errors and CSP violations of a page, collected from the start. */
export async function watchForProblems(page: Page): Promise<() => Promise<string[]>> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
      (window as unknown as { cspViolations: string[] }).cspViolations.push(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  return async () => [
    ...problems,
    ...(
      await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])
    ).map((violation) => `csp: ${violation}`),
  ];
}

/** A link of the main navigation (banners and notices have "Open Settings" links too). */
export function nav(page: Page, name: string): Locator {
  return page.getByRole('navigation').getByRole('link', { name, exact: true });
}
