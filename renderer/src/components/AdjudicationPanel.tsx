// Adjudicate mode (#20): the open document's disagreement units between its coders, one at a time,
// each coder's spans side by side; a choice (keys 1..9, B, 0, or E to write the gold spans by hand)
// is decided with Enter into the gold layer (coder 'gold'), and the next undecided unit follows.
// Spans every coder has go into gold when the mode opens (adjudication:disagreements with acceptAgreed). Keys act while
// focus is in the panel, so they never reach the workbench's label keys; the reader follows the unit.
import { useCallback, useEffect, useMemo, useRef, type MutableRefObject } from 'react';
import { GOLD_ANNOTATOR } from '../../../shared/api/adjudication';
import { useI18n } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';
import { AdjudicationProgress } from './adjudication/AdjudicationProgress';
import { AdjudicationRelations } from './adjudication/AdjudicationRelations';
import { AdjudicationUnit } from './adjudication/AdjudicationUnit';
import { panelKey } from './adjudication/panelKeys';
import { useAdjudication, type Adjudication } from './adjudication/useAdjudication';
import { useAdjudicationEdit, type AdjudicationEdit } from './adjudication/useAdjudicationEdit';
import { useReaderFollow } from './adjudication/useReaderFollow';
import '../styles/adjudication.css';

/** The coders of the open document (mine and the others'), the gold layer left out. */
export function documentCoders(session: DocSession, me: string): string[] {
  const names = session.otherCoders().map((c) => c.name);
  if (session.anns.size > 0) names.push(me);
  return [...new Set(names)].filter((n) => n !== GOLD_ANNOTATOR).sort();
}

interface Props {
  session: DocSession;
  reader: MutableRefObject<ReaderHandle | null>;
  close: () => void;
}

export function AdjudicationPanel({ session, reader, close }: Props) {
  const { t } = useI18n();
  const { project } = useAppState();
  const coders = useMemo(() => documentCoders(session, project?.annotator ?? '').slice(0, 9), [session, project?.annotator]);
  if (coders.length < 2) return <p className="empty-note">{t('adjudication.fewCoders')}</p>;
  return <AdjudicationView session={session} reader={reader} coders={coders} close={close} />;
}

function AdjudicationView({ session, reader, coders, close }: Props & { coders: string[] }) {
  const { t } = useI18n();
  const { labels, project } = useAppState();
  const adj = useAdjudication(session.doc.id, coders);
  const root = useRef<HTMLDivElement>(null);
  const refocus = useCallback(() => root.current?.focus(), []);
  const edit = useAdjudicationEdit({ text: session.doc.text, unit: adj.unit, labels, reader, decide: adj.decide, refocus });
  useReaderFollow(reader, adj.unit);
  // The keys act in the panel: focus it once its units are shown (the loading note has no keys).
  const loaded = adj.state !== null;
  useEffect(() => {
    if (loaded) root.current?.focus();
  }, [loaded]);

  if (adj.error && !adj.state)
    return (
      <p className="empty-note" role="alert">
        {adj.error}
      </p>
    );
  if (!adj.state) return <p className="empty-note">{t('common.loading')}</p>;
  const total = adj.state.units.length;
  return (
    <div
      ref={root}
      className="agreement adjudication"
      data-testid="adjudication"
      tabIndex={0}
      onKeyDown={keyHandler(adj, edit, coders, close)}
      aria-label={t('adjudication.title')}
    >
      <AdjudicationProgress state={adj.state} close={close} />
      {!adj.unit ? (
        <p className="empty-note" data-testid="adjudication-none">
          {t('adjudication.noUnits')}
        </p>
      ) : (
        <AdjudicationUnit
          unit={adj.unit}
          index={adj.index}
          total={total}
          choice={adj.choice}
          setChoice={adj.setChoice}
          decide={() => void adj.decide()}
          edit={edit}
          text={session.doc.text}
        />
      )}
      <AdjudicationRelations relations={adj.state.relations} session={session} reader={reader} me={project?.annotator ?? ''} />
      {adj.error && (
        <p className="empty-note" role="alert">
          {adj.error}
        </p>
      )}
    </div>
  );
}

/** The panel's keydown: the key's action on the current unit (edit mode has its own keys, caught before these). */
function keyHandler(adj: Adjudication, edit: AdjudicationEdit, coders: string[], close: () => void) {
  return (e: React.KeyboardEvent) => {
    const key = panelKey(e, coders);
    if (!key || (!adj.unit && key.action !== 'close')) return;
    e.preventDefault();
    e.stopPropagation();
    if (key.action === 'step') adj.step(key.dir);
    else if (key.action === 'choose') adj.setChoice(key.choice);
    else if (key.action === 'edit') edit.start();
    else if (key.action === 'decide') void adj.decide();
    else close();
  };
}
