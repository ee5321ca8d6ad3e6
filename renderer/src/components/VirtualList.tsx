// Fixed-row-height virtual list: only the rows in view (plus overscan) exist in the DOM.
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type ReactNode, type Ref } from 'react';

export interface VirtualListHandle {
  scrollToIndex: (index: number) => void;
}

interface Props {
  count: number;
  rowHeight: number;
  renderRow: (index: number) => ReactNode;
  onRange?: (from: number, to: number) => void;
  overscan?: number;
  className?: string;
  role?: string;
  label?: string;
  activeDescendant?: string;
  tabIndex?: number;
  onKeyDown?: (e: React.KeyboardEvent<HTMLDivElement>) => void;
  handle?: Ref<VirtualListHandle>;
  id?: string;
}

export function VirtualList({
  count,
  rowHeight,
  renderRow,
  onRange,
  overscan = 8,
  className,
  role,
  label,
  activeDescendant,
  tabIndex,
  onKeyDown,
  handle,
  id,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  // The viewport as last seen, so scrolling a row into view reads no layout: reading clientHeight or
  // scrollTop in an effect forced a layout of the whole page (the reader included) before its first paint.
  const viewport = useRef({ top: 0, height: 600 });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // The first observation arrives after the next layout, before that frame paints.
    const ro = new ResizeObserver(([entry]) => {
      viewport.current.height = entry.contentBoxSize?.[0]?.blockSize ?? entry.contentRect.height;
      setHeight(viewport.current.height);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useImperativeHandle(
    handle,
    () => ({
      scrollToIndex(index: number) {
        const el = scroller.current;
        if (!el) return;
        const { top: scrolled, height: visible } = viewport.current;
        const top = index * rowHeight;
        const next = top < scrolled ? top : top + rowHeight > scrolled + visible ? top + rowHeight - visible : null;
        if (next === null) return;
        el.scrollTop = next;
        viewport.current.top = next; // until the scroll event says where it landed
      },
    }),
    [rowHeight],
  );

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  useEffect(() => {
    onRange?.(first, last);
  }, [first, last, onRange]);

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(i));

  return (
    <div
      ref={scroller}
      id={id}
      className={`virtual-list ${className ?? ''}`}
      onScroll={(e) => {
        viewport.current.top = e.currentTarget.scrollTop;
        setScrollTop(viewport.current.top);
      }}
      role={role}
      aria-label={label}
      aria-activedescendant={activeDescendant}
      tabIndex={tabIndex}
      onKeyDown={onKeyDown}
    >
      <div className="virtual-list-inner" style={{ height: count * rowHeight }}>
        <div style={{ transform: `translateY(${first * rowHeight}px)` }}>{rows}</div>
      </div>
    </div>
  );
}
