// Centre pane: document header, find bar, the reader (or the original text), and the label bar.
import { useEffect, useState, type MutableRefObject } from 'react';
import type { DocumentStatus, Label } from '../../../shared/model';
import { useSessionVersion } from '../hooks/useSessionVersion';
import { useI18n } from '../i18n';
import { FindBar } from '../reader/FindBar';
import { Reader, type ReaderHandle } from '../reader/Reader';
import type { DocSession } from '../state/docSession';
import { clickSpans, tagWith, type ActionNotice } from '../state/spanActions';
import { SuggestionBar } from '../suggestions/SuggestionBar';
import { RelationPickerBar } from '../entities/RelationPickerBar';
import { LabelBar } from './LabelBar';
import { OriginalView } from './OriginalView';
import { ReaderHeader } from './ReaderHeader';
import { WarningBanner } from './WarningBanner';

interface Props {
  session: DocSession | null;
  loading: boolean;
  reader: MutableRefObject<ReaderHandle | null>;
  labels: Label[];
  labelById: Map<number, Label>;
  wordSnap: boolean;
  setWordSnap: (on: boolean) => void;
  fontSize: number;
  zoom: (delta: number | null) => void;
  findOpen: boolean;
  closeFind: () => void;
  showOriginal: boolean;
  setShowOriginal: (on: boolean) => void;
  setStatus: (status: DocumentStatus) => void;
  undo: () => void;
  redo: () => void;
  notify: (message: string) => void;
}

export function ReaderPane(props: Props) {
  const { session, reader, labels, labelById } = props;
  const { t } = useI18n();
  useSessionVersion(session);
  // Local so a selection change re-renders only this pane's label bar, not the workbench.
  const [textSel, setTextSel] = useState<{ start: number; end: number } | null>(null);
  useEffect(() => setTextSel(null), [session]);
  const loadingBar = props.loading ? <div className="reader-loading" role="progressbar" aria-label={t('common.loading')} /> : null;
  if (!session) {
    return (
      <section className="reader-pane reader-empty" aria-label={t('reader.textLabel')}>
        {loadingBar}
        <p className="empty-note">{t('reader.noDocument')}</p>
      </section>
    );
  }
  const actionCtx = () => ({
    session,
    reader: reader.current,
    notify: (m: ActionNotice, vars?: Record<string, string>) => props.notify(t(`toast.${m}`, vars)),
  });
  return (
    <section className="reader-pane" aria-label={session.doc.title || t('reader.textLabel')}>
      {loadingBar}
      <ReaderHeader
        session={session}
        wordSnap={props.wordSnap}
        setWordSnap={props.setWordSnap}
        zoom={props.zoom}
        showOriginal={props.showOriginal}
        setShowOriginal={props.setShowOriginal}
        setStatus={props.setStatus}
        undo={props.undo}
        redo={props.redo}
      />
      <WarningBanner session={session} reader={reader} />
      {!props.showOriginal && <SuggestionBar key={`suggestions-${session.doc.id}`} session={session} labelById={labelById} />}
      {!props.showOriginal && <RelationPickerBar session={session} labelById={labelById} />}
      {props.findOpen && !props.showOriginal && <FindBar session={session} reader={reader} onClose={props.closeFind} />}
      {props.showOriginal ? (
        <OriginalView doc={session.doc} fontSize={props.fontSize} />
      ) : (
        <Reader
          key={session.doc.id}
          session={session}
          labelById={labelById}
          wordSnap={props.wordSnap}
          fontSize={props.fontSize}
          handleRef={reader}
          onTextSelection={setTextSel}
          onSpanClick={(ids) => clickSpans(actionCtx(), ids)}
        />
      )}
      <LabelBar labels={labels} selection={textSel} selectedSpan={session.selected} onTag={(label) => tagWith(actionCtx(), label)} />
    </section>
  );
}
