import { app, session, type WebContents } from 'electron';
import { APP_ORIGIN } from '../../shared/app-identity.ts';
import { originOf } from '../core/contract/url-origin.ts';

/** The origins a window may show: the app protocol, plus the electron-vite dev server in development. */
export function allowedRendererOrigins(devServerUrl: string | undefined): ReadonlySet<string> {
  const origins = new Set([APP_ORIGIN]);
  const devOrigin = devServerUrl ? originOf(devServerUrl) : undefined;
  if (devOrigin) origins.add(devOrigin);
  return origins;
}

/** Parsed origins compared whole, never string prefixes (URL#origin is "null" for app://, hence originOf). */
function isAllowedUrl(url: string, allowed: ReadonlySet<string>): boolean {
  const origin = originOf(url);
  return origin !== undefined && allowed.has(origin);
}

/**
 * Electron security checklist items that apply to every web contents: no navigation away from the app,
 * no new windows, no <webview>, and every permission request (camera, notifications, …) denied.
 */
export function hardenAllWebContents(allowed: ReadonlySet<string>): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedUrl(url, allowed)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedUrl(url, allowed)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
