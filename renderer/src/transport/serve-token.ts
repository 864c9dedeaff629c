const STORAGE_KEY = 'ghcr-desk.serve-token';
const FRAGMENT = /^#token=([A-Za-z0-9_-]{16,})$/;

/**
 * Serve mode's token arrives in the URL fragment (`#token=…`: never sent to a server, so never in a log
 * or a Referer). It moves to sessionStorage — this tab only, gone when the tab closes — and leaves the
 * address bar, so it is not shared by copying the URL or kept in history.
 */
export function takeServeToken(): string | undefined {
  const match = FRAGMENT.exec(window.location.hash);
  if (match?.[1]) {
    window.sessionStorage.setItem(STORAGE_KEY, match[1]);
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/projects`);
    return match[1];
  }
  return window.sessionStorage.getItem(STORAGE_KEY) ?? undefined;
}
