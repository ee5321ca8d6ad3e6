// The reader follows the current unit: scrolled to it and its text marked (the reader's 'bz-unit'
// highlight), so the adjudicator reads the disagreement in context.
import { useEffect, type MutableRefObject } from 'react';
import type { ReaderHandle } from '../../reader/Reader';

export function useReaderFollow(reader: MutableRefObject<ReaderHandle | null>, unit: { start: number; end: number } | null): void {
  const start = unit?.start;
  const end = unit?.end;
  useEffect(() => {
    const ctl = reader.current?.ctl;
    if (!ctl || start === undefined || end === undefined) return;
    // Scrolling first renders the unit's block, so its text is there to mark.
    ctl.scrollToOffset(start, 'center');
    ctl.unitMark.set([{ start, end }], ctl.editors.renderedBlocks());
    return () => ctl.unitMark.set([], ctl.editors.renderedBlocks());
  }, [reader, start, end]);
}
