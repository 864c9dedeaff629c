import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdminHttp } from './admin-http.ts';
import { sendJson } from './http-util.ts';
import { createOAuthWeb } from './oauth-web.ts';
import { createRegistry } from './registry.ts';
import { createRestApi } from './rest-api.ts';
import { createStandInModel, type StandInAdmin, type StandInModelOptions } from './stand-in-model.ts';

export interface StandInGitHubOptions extends StandInModelOptions {
  /** Fixed ports (0 or absent: a free port each). */
  readonly webPort?: number;
  readonly registryPort?: number;
}

export interface StandInGitHub {
  /** The product's *GitHub Enterprise Server URL* setting: web pages here, the API under `/api/v3`. */
  readonly webUrl: string;
  readonly apiUrl: string;
  /** The product's registry URL setting (plain http). */
  readonly registryUrl: string;
  /** `127.0.0.1:<port>`: the `auths` key of a `.dockerconfigjson` and the image host. */
  readonly registryHost: string;
  readonly admin: StandInAdmin;
  stop(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

/**
 * A stand-in for GitHub Enterprise Server and its container registry on 127.0.0.1: the OAuth web flow
 * and REST API on one port (like a GHES host), the registry on another. Tests drive its state through
 * `admin`; `npm run github:up` exposes the same admin over HTTP under `/_admin/`.
 */
export async function startStandInGitHub(options: StandInGitHubOptions = {}): Promise<StandInGitHub> {
  const model = createStandInModel(options);
  const webServer = createServer();
  const registryServer = createServer();
  const webPort = await listen(webServer, options.webPort ?? 0);
  const registryPort = await listen(registryServer, options.registryPort ?? 0);
  const webUrl = `http://${LOOPBACK}:${webPort}`;
  const registryHost = `${LOOPBACK}:${registryPort}`;

  const oauth = createOAuthWeb(model);
  const api = createRestApi(model);
  const adminHttp = createAdminHttp(model.admin);
  const registry = createRegistry(model, registryHost);

  webServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', webUrl);
    const path = url.pathname;
    const work = async () => {
      if (path === '/login/oauth/authorize') return oauth.authorize(request, response, url);
      if (path === '/login/oauth/access_token' && request.method === 'POST')
        return oauth.accessToken(request, response, url);
      if (path === '/api/v3' || path.startsWith('/api/v3/')) return api(request, response, path.slice(7));
      if (path === '/_admin' || path.startsWith('/_admin/'))
        return adminHttp(request, response, path.slice(8));
      return sendJson(response, 404, { message: 'Not Found' });
    };
    work().catch((error: unknown) => fail(response, error));
  });
  registryServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    try {
      registry(request, response);
    } catch (error) {
      fail(response, error);
    }
  });

  return {
    webUrl,
    apiUrl: `${webUrl}/api/v3`,
    registryUrl: `http://${registryHost}`,
    registryHost,
    admin: model.admin,
    stop: async () => {
      await Promise.all([close(webServer), close(registryServer)]);
    },
  };
}

function fail(response: ServerResponse, error: unknown): void {
  if (response.headersSent) return void response.destroy();
  sendJson(response, 500, { message: error instanceof Error ? error.message : String(error) });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
