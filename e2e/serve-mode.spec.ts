import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { WIRE_PATH, WIRE_PROTOCOL, WIRE_TOKEN_PROTOCOL_PREFIX } from '../shared/contract/wire.ts';
import { startPanel, type Panel } from './support/panel-server.ts';

let panel: Panel;
let otherSite: Server;
let otherOrigin: string;

test.beforeAll(async () => {
  panel = await startPanel();
  // Another site on the same machine (another port is another origin).
  otherSite = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>other site</title>');
  });
  await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await panel.close();
  await new Promise<void>((resolve) => otherSite.close(() => resolve()));
});

/** Opens a WebSocket from inside the page; 'open' or how it closed. */
function tryWebSocket([url, protocols]: readonly [string, readonly string[]]) {
  return new Promise<string>((resolve) => {
    const ws = new WebSocket(url, [...protocols]);
    ws.onopen = () => {
      resolve('open');
      ws.close();
    };
    ws.onclose = (event) => resolve(`closed ${event.code}`);
  });
}

test.describe('serve mode refuses', () => {
  test('a page of another origin, even holding the token', async ({ page }) => {
    await page.goto(otherOrigin);
    const outcome = await page.evaluate(tryWebSocket, [
      `ws://127.0.0.1:${panel.port}${WIRE_PATH}`,
      [WIRE_PROTOCOL, WIRE_TOKEN_PROTOCOL_PREFIX + panel.token],
    ] as const);
    expect(outcome).toBe('closed 1006');
  });

  test('its own page without the token, or with a wrong one', async ({ page }) => {
    await page.goto(`${panel.origin}/#/projects`);
    await expect(page.getByText('Open the URL that ghcr-desk printed')).toBeVisible();
    const url = `ws://127.0.0.1:${panel.port}${WIRE_PATH}`;
    expect(await page.evaluate(tryWebSocket, [url, [WIRE_PROTOCOL]] as const)).toBe('closed 1006');
    expect(
      await page.evaluate(tryWebSocket, [
        url,
        [WIRE_PROTOCOL, `${WIRE_TOKEN_PROTOCOL_PREFIX}${'x'.repeat(43)}`],
      ] as const),
    ).toBe('closed 1006');
    // …while the right token opens it from the same page.
    expect(
      await page.evaluate(tryWebSocket, [
        url,
        [WIRE_PROTOCOL, WIRE_TOKEN_PROTOCOL_PREFIX + panel.token],
      ] as const),
    ).toBe('open');
  });

  test('plain requests with a rebinding Host header', async () => {
    for (const host of [`rebind.example:${panel.port}`, `localhost:${panel.port}`]) {
      const status = await new Promise<number | undefined>((resolve) =>
        request({ host: '127.0.0.1', port: panel.port, path: '/', headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode);
        }).end(),
      );
      expect(status, host).toBe(421);
    }
  });
});
