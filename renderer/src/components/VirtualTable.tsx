import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { VirtualRow } from './VirtualRow.tsx';

export interface Column<T> {
  readonly id: string;
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  readonly sortable?: boolean;
}

export interface SortState {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

/** Must match `.vt-body-row { height }` in table.css: rows have a fixed height, nothing to measure. */
const ROW_HEIGHT = 40;
const OVERSCAN = 8;

/**
 * A keyboard-navigable grid that renders only the rows in view (TanStack Virtual), so 5,000 rows cost
 * what 30 do. Arrow keys, Page Up/Down, Home/End move between rows (roving tabindex); Enter opens one.
 * Column widths come from the `className`'s CSS (grid-template-columns): no inline styles under the CSP.
 */
export function VirtualTable<T>({
  label,
  className,
  columns,
  rows,
  rowKey,
  onActivate,
  sort,
  onSort,
}: {
  label: string;
  className: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  onActivate?: (row: T) => void;
  sort?: SortState;
  onSort?: (column: string) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const sizerRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler in this build; nothing memoizes the virtualizer's functions
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey: (index) => {
      const row = rows[index];
      return row === undefined ? index : rowKey(row);
    },
  });
  const activeIndex = Math.max(0, Math.min(active, rows.length - 1));
  const totalSize = virtualizer.getTotalSize();

  useLayoutEffect(() => {
    if (sizerRef.current) sizerRef.current.style.height = `${totalSize}px`;
  }, [totalSize]);

  // After a keyboard move the target row may only exist once the virtualizer re-rendered: focus it then.
  useLayoutEffect(() => {
    if (!focusPending.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      focusPending.current = false;
    }
  });

  function move(to: number): void {
    const next = Math.max(0, Math.min(to, rows.length - 1));
    setActive(next);
    focusPending.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>, row: T): void {
    const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + pageSize,
      PageUp: activeIndex - pageSize,
      Home: 0,
      End: rows.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      move(target);
    } else if (event.key === 'Enter' && onActivate) {
      event.preventDefault();
      onActivate(row);
    }
  }

  return (
    <div role="grid" aria-label={label} aria-rowcount={rows.length + 1} className={`vt ${className}`}>
      <div role="rowgroup" className="vt-head">
        <div role="row" aria-rowindex={1} className="vt-row">
          {columns.map((column) => {
            const sorted = sort?.column === column.id ? sort.direction : undefined;
            return (
              <div
                key={column.id}
                role="columnheader"
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                className="vt-cell"
              >
                {column.sortable && onSort ? (
                  <button type="button" className="vt-sort" onClick={() => onSort(column.id)}>
                    {column.header}
                    <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                  </button>
                ) : (
                  column.header
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div ref={scrollRef} className="vt-scroll">
        <div ref={sizerRef} role="rowgroup" className="vt-body">
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            return (
              <VirtualRow
                key={item.key}
                index={item.index}
                start={item.start}
                active={item.index === activeIndex}
                onActivate={onActivate ? () => onActivate(row) : undefined}
                onFocus={() => setActive(item.index)}
                onKeyDown={(event) => onKeyDown(event, row)}
              >
                {columns.map((column) => (
                  <div key={column.id} role="gridcell" className="vt-cell">
                    {column.cell(row)}
                  </div>
                ))}
              </VirtualRow>
            );
          })}
        </div>
      </div>
    </div>
  );
}
