import type { Screen } from './routes.ts';

type NavScreen = Exclude<Screen, 'project'>;

/** In order: Alt+1 … Alt+5 go there. */
export const NAV_ITEMS: readonly NavScreen[] = ['projects', 'accounts', 'resync', 'settings', 'activity'];
