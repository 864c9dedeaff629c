import { protocol } from 'electron';
import { APP_PROTOCOL_HOST, APP_PROTOCOL_SCHEME } from '../../shared/app-identity.ts';
import { readRendererFile, rendererResponseHeaders } from '../core/serve/renderer-files.ts';

/** Must run before `app` is ready: the renderer gets a standard, secure origin instead of file://. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_PROTOCOL_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `rendererDir`; anything outside it, or another host, is a 404. */
export function serveRendererOverAppScheme(rendererDir: string): void {
  protocol.handle(APP_PROTOCOL_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file =
      url.host === APP_PROTOCOL_HOST ? await readRendererFile(rendererDir, url.pathname) : undefined;
    if (!file) return new Response(null, { status: 404 });
    return new Response(new Uint8Array(file.body), { headers: rendererResponseHeaders(file.contentType) });
  });
}
