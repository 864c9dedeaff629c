const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]']);

/**
 * GitHub's rule for a requested redirect_uri against the app's registered callback URL: same scheme and
 * host, same port unless the callback is a loopback address (then any port, RFC 8252 §7.3), and a path that
 * is the callback's path or below it.
 */
export function redirectUriAllowed(callbackUrl: string, requested: string): boolean {
  let callback: URL;
  let candidate: URL;
  try {
    callback = new URL(callbackUrl);
    candidate = new URL(requested);
  } catch {
    return false;
  }
  if (callback.protocol !== candidate.protocol || callback.hostname !== candidate.hostname) return false;
  if (!LOOPBACK_HOSTS.has(callback.hostname) && callback.port !== candidate.port) return false;
  if (candidate.username || candidate.password || candidate.hash) return false;
  const base = callback.pathname.replace(/\/+$/, '');
  return candidate.pathname === callback.pathname || candidate.pathname.startsWith(`${base}/`);
}
