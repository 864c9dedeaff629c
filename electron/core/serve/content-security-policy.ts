/**
 * The one CSP of the renderer, sent as a header by the desktop app protocol and by serve mode
 * (renderer/index.html carries the same policy as a meta tag for the build output).
 * 'self' covers the same-origin WebSocket of serve mode.
 */
export const RENDERER_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
