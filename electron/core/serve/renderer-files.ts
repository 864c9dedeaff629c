import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { RENDERER_CONTENT_SECURITY_POLICY } from './content-security-policy.ts';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Headers every renderer file is served with, by the desktop app protocol and by serve mode alike. */
export function rendererResponseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': RENDERER_CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
}

export interface RendererFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Reads the built renderer file a URL path names; `undefined` for anything missing or outside
 * `rendererDir` (`..`, encoded slashes and the like).
 */
export async function readRendererFile(
  rendererDir: string,
  urlPathname: string,
): Promise<RendererFile | undefined> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPathname === '/' ? '/index.html' : urlPathname);
  } catch {
    return undefined;
  }
  const root = normalize(rendererDir + sep);
  const file = normalize(join(root, relative));
  if (!file.startsWith(root) || relative.includes('\0')) return undefined;
  try {
    return {
      body: await readFile(file),
      contentType: MIME_TYPES[extname(file)] ?? 'application/octet-stream',
    };
  } catch {
    return undefined;
  }
}
