import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http-util.ts';
import type { StandInAdmin } from './stand-in-model.ts';

/**
 * The admin API over HTTP for the demo and manual use: `POST /_admin/<method>` with the method's one
 * argument as a JSON body (`{}` when it takes none), answered with its result as JSON. Only JSON bodies
 * are accepted, so a web page cannot drive it with a simple cross-site form post.
 */
export function createAdminHttp(admin: StandInAdmin) {
  const methods = admin as unknown as Record<string, ((input?: unknown) => unknown) | undefined>;
  return async function handle(request: IncomingMessage, response: ServerResponse, method: string) {
    if (request.method === 'GET' && method === '')
      return sendJson(response, 200, { methods: Object.keys(admin) });
    const fn = Object.hasOwn(admin, method) ? methods[method] : undefined;
    if (!fn) return sendJson(response, 404, { message: `no admin method "${method}"` });
    if (request.method !== 'POST' || !(request.headers['content-type'] ?? '').includes('application/json'))
      return sendJson(response, 415, { message: 'POST a JSON body' });
    try {
      const body = await readBody(request);
      const result = fn(body ? JSON.parse(body) : undefined);
      sendJson(response, 200, result ?? null);
    } catch (error) {
      sendJson(response, 400, { message: error instanceof Error ? error.message : String(error) });
    }
  };
}
