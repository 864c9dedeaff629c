import { useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * One absolutely positioned row. The CSP (`style-src 'self'`) blocks style attributes in markup, React's
 * `style={}` included; setting `element.style` through the CSSOM is not blocked, so the position is
 * written from a layout effect instead.
 */
export function VirtualRow({
  index,
  start,
  active,
  onActivate,
  onFocus,
  onKeyDown,
  children,
}: {
  index: number;
  start: number;
  active: boolean;
  onActivate?: () => void;
  onFocus: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (ref.current) ref.current.style.transform = `translateY(${start}px)`;
  }, [start]);
  return (
    <div
      ref={ref}
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      tabIndex={active ? 0 : -1}
      className={`vt-row vt-body-row${onActivate ? ' vt-clickable' : ''}`}
      onClick={onActivate}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
    >
      {children}
    </div>
  );
}
