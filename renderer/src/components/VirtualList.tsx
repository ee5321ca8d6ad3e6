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

export function VirtualList({ count, rowHeight, renderRow, onRange, overscan = 8, className, role, label, activeDescendant, tabIndex, onKeyDown, handle, id }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useImperativeHandle(handle, () => ({
    scrollToIndex(index: number) {
      const el = scroller.current;
      if (!el) return;
      const top = index * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    },
  }), [rowHeight]);

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
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
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
