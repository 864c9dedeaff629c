import { useEffect } from 'react';
import { NAV_ITEMS } from './nav-items.ts';
import { navigate, routeHref } from './routes.ts';

function typingInto(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** `/` focuses the screen's search field; Alt+1…5 switch screens. Never while the user types. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (typingInto(event.target) || event.ctrlKey || event.metaKey) return;
      if (event.key === '/' && !event.altKey) {
        const search = document.querySelector<HTMLInputElement>('[data-shortcut="search"]');
        if (search) {
          event.preventDefault();
          search.focus();
          search.select();
        }
        return;
      }
      const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
      const screen = event.altKey && digit ? NAV_ITEMS[Number(digit) - 1] : undefined;
      if (screen) {
        event.preventDefault();
        navigate(routeHref(screen));
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
