// Document title, metadata line, status control and view toggles above the text.
import { DOCUMENT_STATUSES, type DocumentStatus } from '../../../shared/model';
import type { HistoryKind } from '../../../shared/api/annotations';
import { useI18n } from '../i18n';
import type { DocSession } from '../state/docSession';
import { formatKey } from '../state/keys';
import { useAppState } from '../state/appState';
import { GOLD_ANNOTATOR } from '../../../shared/api/adjudication';
import { CoderLayers } from './CoderLayers';
import { ADJUDICATE_EVENT } from './RightPanel';
import { ENTITIES_EVENT } from '../entities/entityCommands';

interface Props {
  session: DocSession;
  wordSnap: boolean;
  setWordSnap: (on: boolean) => void;
  zoom: (delta: number | null) => void;
  showOriginal: boolean;
  setShowOriginal: (on: boolean) => void;
  setStatus: (status: DocumentStatus) => void;
  undo: () => void;
  redo: () => void;
}

export function ReaderHeader({ session, wordSnap, setWordSnap, zoom, showOriginal, setShowOriginal, setStatus, undo, redo }: Props) {
  const { t } = useI18n();
  return (
    <header className="reader-header">
      <ReaderTitleBlock session={session} />
      <div className="reader-tools" role="toolbar" aria-label={t('reader.textLabel')}>
        <StatusSegments status={session.doc.status} setStatus={setStatus} />
        <span className="toolbar-sep" />
        <HistoryButtons history={session.history} undo={undo} redo={redo} />
        <span className="toolbar-sep" />
        <ViewToggles wordSnap={wordSnap} setWordSnap={setWordSnap} showOriginal={showOriginal} setShowOriginal={setShowOriginal} zoom={zoom} />
      </div>
    </header>
  );
}

function ReaderTitleBlock({ session }: { session: DocSession }) {
  const { t } = useI18n();
  const { project } = useAppState();
  const { doc } = session;
  // Adjudication needs two coders besides the gold layer (mine counts when I have spans here).
  const coders =
    session.otherCoders().filter((c) => c.name !== GOLD_ANNOTATOR).length + (session.anns.size > 0 && project?.annotator !== GOLD_ANNOTATOR ? 1 : 0);
  const meta = [doc.date?.slice(0, 10), doc.source, doc.district, t('common.chars', { n: doc.charCount }), t('common.spans', { n: session.anns.size })].filter(
    Boolean,
  );
  return (
    <div className="reader-title-block">
      <h1 className="reader-title">{doc.title || t('docs.untitled')}</h1>
      <p className="reader-meta">
        {meta.join(' · ')} ·{' '}
        <button
          type="button"
          className="link-button"
          data-testid="open-entities"
          title={`${t('entities.openHint')} (${formatKey('Alt+e')})`}
          onClick={() => window.dispatchEvent(new Event(ENTITIES_EVENT))}
        >
          {t('entities.open')}
        </button>
      </p>
      <CoderLayers session={session} me={project?.annotator ?? ''} />
      {coders >= 2 && (
        <button
          type="button"
          className="button button-small"
          data-testid="adjudicate"
          title={t('adjudication.openHint')}
          onClick={() => window.dispatchEvent(new Event(ADJUDICATE_EVENT))}
        >
          {t('adjudication.open')}
        </button>
      )}
    </div>
  );
}

function StatusSegments({ status, setStatus }: { status: DocumentStatus; setStatus: (status: DocumentStatus) => void }) {
  const { t } = useI18n();
  return (
    <div className="segmented" role="radiogroup" aria-label={t('reader.setStatus')}>
      {DOCUMENT_STATUSES.map((s) => (
        <button
          key={s}
          type="button"
          role="radio"
          aria-checked={status === s}
          className={`segmented-item status-seg-${s}${status === s ? ' is-on' : ''}`}
          onClick={() => setStatus(s)}
        >
          {t(`status.${s}`)}
        </button>
      ))}
    </div>
  );
}

function HistoryButtons({ history, undo, redo }: { history: DocSession['history']; undo: () => void; redo: () => void }) {
  return (
    <>
      <HistoryButton which="undo" run={undo} enabled={history.canUndo} label={history.undoLabel} kind={history.undoKind} keys="Mod+z" glyph="↶" />
      <HistoryButton which="redo" run={redo} enabled={history.canRedo} label={history.redoLabel} kind={history.redoKind} keys="Mod+Shift+z" glyph="↷" />
    </>
  );
}

/** Undo or redo: the tooltip names the step it would take, in the user's language when its kind is known. */
function HistoryButton(props: {
  which: 'undo' | 'redo';
  run: () => void;
  enabled: boolean;
  label: string | null;
  kind: HistoryKind | null | undefined;
  keys: string;
  glyph: string;
}) {
  const { t } = useI18n();
  const { which, label, kind } = props;
  const title = label
    ? `${t(which === 'undo' ? 'reader.undoWhat' : 'reader.redoWhat', { what: kind ? t(`history.${kind}`) : label })} (${formatKey(props.keys)})`
    : t(which === 'undo' ? 'reader.nothingToUndo' : 'reader.nothingToRedo');
  return (
    <button type="button" className="icon-button" onClick={props.run} disabled={!props.enabled} aria-label={t(`reader.${which}`)} title={title}>
      {props.glyph}
    </button>
  );
}

type ViewToggleProps = Pick<Props, 'wordSnap' | 'setWordSnap' | 'showOriginal' | 'setShowOriginal' | 'zoom'>;

function ViewToggles({ wordSnap, setWordSnap, showOriginal, setShowOriginal, zoom }: ViewToggleProps) {
  const { t } = useI18n();
  return (
    <>
      <button
        type="button"
        className={`toggle-button${wordSnap ? ' is-on' : ''}`}
        aria-pressed={wordSnap}
        onClick={() => setWordSnap(!wordSnap)}
        title={`${t('reader.wordSnap')} (W)`}
      >
        {t('reader.wordSnap')}
      </button>
      <button
        type="button"
        className={`toggle-button${showOriginal ? ' is-on' : ''}`}
        aria-pressed={showOriginal}
        onClick={() => setShowOriginal(!showOriginal)}
        title={`${t('reader.original')} (${formatKey('Alt+o')})`}
      >
        {t('reader.original')}
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => zoom(-1)}
        aria-label={t('reader.zoomOut')}
        title={`${t('reader.zoomOut')} (${formatKey('Mod+-')})`}
      >
        A−
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={() => zoom(1)}
        aria-label={t('reader.zoomIn')}
        title={`${t('reader.zoomIn')} (${formatKey('Mod+=')})`}
      >
        A+
      </button>
    </>
  );
}
