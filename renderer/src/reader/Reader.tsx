// The document text: a scroller whose content the ReaderController fills with lazily rendered
// Lexical blocks. React only mounts it, passes settings down and shows the hover card.
import { useEffect, useLayoutEffect, useRef, useState, type MutableRefObject, type RefObject } from 'react';
import type { Label } from '../../../shared/model';
import { useI18n } from '../i18n';
import type { DocSession } from '../state/docSession';
import { isTypingTarget } from '../state/keys';
import { markPerf } from '../state/perf';
import { suggestionsOf } from '../suggestions/suggestionState';
import { entitiesOf } from '../entities/entityState';
import { attachRelations } from '../entities/relationLayer';
import { coderColor } from './coderColors';
import { HoverCard, type HoverInfo } from './HoverCard';
import { ReaderController } from './readerController';
import { ReaderSelection } from './readerSelection';

export interface ReaderHandle {
  ctl: ReaderController;
  sel: ReaderSelection;
}

interface Props {
  session: DocSession;
  labelById: Map<number, Label>;
  wordSnap: boolean;
  fontSize: number;
  handleRef: MutableRefObject<ReaderHandle | null>;
  onTextSelection: (range: { start: number; end: number } | null) => void;
  onSpanClick: (ids: number[]) => void;
}

export function Reader({ session, labelById, wordSnap, fontSize, handleRef, onTextSelection, onSpanClick }: Props) {
  const { t } = useI18n();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const labelsRef = useRef(labelById);
  labelsRef.current = labelById;
  const callbacks = useRef({ onTextSelection, onSpanClick });
  callbacks.current = { onTextSelection, onSpanClick };
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const shownBefore = useRef(false);
  const paintedLabels = useRef<Map<number, Label> | null>(null);

  useLayoutEffect(() => {
    const scroller = scrollerRef.current!;
    const content = contentRef.current!;
    const ctl = new ReaderController(session.doc.text, session.visibleSpans(), {
      labels: () => labelsRef.current,
      selectedId: () => session.selectedId,
      warnings: session.doc.warnings,
      foreignColor: (id) => {
        const other = session.others.get(id);
        return other ? coderColor(other.annotator) : null;
      },
    });
    session.view = ctl;
    // A new scroller starts at the top; writing scrollTop would force a layout before the first paint.
    if (shownBefore.current) scroller.scrollTop = 0;
    shownBefore.current = true;
    ctl.mount(scroller, content);
    paintedLabels.current = labelsRef.current;
    const sel = new ReaderSelection(ctl, {
      onSelection: (range) => callbacks.current.onTextSelection(range),
      onSpanClick: (ids) => callbacks.current.onSpanClick(ids),
      onHover: (h) => {
        setHover(h ? { ids: h.ids, rect: h.rect } : null);
        entitiesOf(session).setHovered(h?.ids ?? []);
      },
    });
    sel.attach(content);
    handleRef.current = { ctl, sel };
    const suggestions = suggestionsOf(session, () => labelsRef.current);
    suggestions.attach(ctl);
    const detachRelations = attachRelations(ctl, entitiesOf(session), () => labelsRef.current);
    // Opening a document (click or Enter in the list) puts the keyboard in the text, unless the
    // user is typing in a field.
    if (!isTypingTarget(document.activeElement)) content.focus({ preventScroll: true });
    markPerf('doc-interactive', session.doc.id);
    const firstLabel = labelsRef.current.keys().next().value;
    const idle = requestIdleCallback(() => firstLabel !== undefined && ctl.warmUp(firstLabel), { timeout: 600 });
    return () => {
      cancelIdleCallback(idle);
      suggestions.detach();
      detachRelations();
      sel.detach();
      ctl.destroy();
      if (session.view === ctl) session.view = null;
      if (handleRef.current?.ctl === ctl) handleRef.current = null;
      setHover(null);
    };
  }, [session, handleRef]);

  // Label colours or names changed: restyle what is on screen (not on mount: the marks were just painted with these labels).
  useEffect(() => {
    if (paintedLabels.current === labelById) return;
    paintedLabels.current = labelById;
    handleRef.current?.ctl.refreshAll();
  }, [labelById, handleRef]);

  useReaderLayout(handleRef, scrollerRef, session, wordSnap, fontSize);

  return (
    <div className="reader-scroller" ref={scrollerRef} onScroll={() => hover && setHover(null)}>
      <div
        className="reader-content"
        ref={contentRef}
        style={{ fontSize }}
        role="document"
        aria-label={t('reader.textLabel')}
        tabIndex={0}
        data-testid="reader"
      />
      {hover && <HoverCard info={hover} session={session} labelById={labelById} />}
    </div>
  );
}

/** Settings and size follow into the mounted reader: word snapping, and block heights (and the caret) when the font or the pane width changes. */
function useReaderLayout(
  handleRef: MutableRefObject<ReaderHandle | null>,
  scrollerRef: RefObject<HTMLDivElement | null>,
  session: DocSession,
  wordSnap: boolean,
  fontSize: number,
) {
  useEffect(() => {
    if (handleRef.current) handleRef.current.sel.wordSnap = wordSnap;
  }, [wordSnap, session, handleRef]);

  useEffect(() => {
    const h = handleRef.current;
    if (!h) return;
    h.ctl.estimateHeights();
    h.sel.redrawCaret();
  }, [fontSize, handleRef]);

  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    // Line metrics change with the pane width; unrendered blocks re-estimate their height.
    const ro = new ResizeObserver(() => {
      handleRef.current?.ctl.estimateHeights();
      handleRef.current?.sel.redrawCaret();
    });
    ro.observe(scroller);
    return () => ro.disconnect();
  }, [handleRef, scrollerRef]);
}
