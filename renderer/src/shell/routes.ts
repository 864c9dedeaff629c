/**
 * Hash routes (`#/projects?state=broken`): they survive a reload on app:// and in serve mode alike (both
 * serve index.html for / only), and filters in the URL let Re-sync take "the filtered projects" as scope.
 */
const SCREENS = ['projects', 'project', 'accounts', 'resync', 'settings', 'activity'] as const;
export type Screen = (typeof SCREENS)[number];

export interface Route {
  readonly screen: Screen;
  /** The project of the `project` screen. */
  readonly namespace?: string;
  readonly params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(query);
  const [first, second] = path.split('/').filter(Boolean);
  if (first === 'projects' && second)
    return { screen: 'project', namespace: decodeURIComponent(second), params };
  const screen = SCREENS.find((candidate) => candidate === first && candidate !== 'project');
  return { screen: screen ?? 'projects', params };
}

export function routeHref(
  screen: Exclude<Screen, 'project'>,
  params?: URLSearchParams | Record<string, string>,
): string {
  const query = new URLSearchParams(params).toString();
  return `#/${screen}${query ? `?${query}` : ''}`;
}

export function projectHref(namespace: string): string {
  return `#/projects/${encodeURIComponent(namespace)}`;
}

export function navigate(href: string): void {
  window.location.hash = href.replace(/^#/, '');
}

/** Like navigate, without a history entry (typing in a search field must not fill the Back button). */
export function replaceRoute(href: string): void {
  window.history.replaceState(null, '', href);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
