// Relations in adjudication (#23): how many relations the open document's gold layer has, and every
// coder relation gold lacks, with why (an end not decided yet, decided without that coder's span, or
// the gold relation deleted since). The list follows each decision (the answer of adjudication:decide
// carries it). A row is a button (Tab reaches it, Enter or a click): it shows the relation in the
// reader — my own span selected (its arcs drawn), another coder's ends scrolled to and marked.
import { useEffect, type MutableRefObject } from 'react';
import type { DocumentAdjudication, LeftOutRelation } from '../../../../shared/api/adjudication';
import { useEntities } from '../../entities/SpanEntity';
import { useI18n } from '../../i18n';
import type { ReaderHandle } from '../../reader/Reader';
import type { DocSession } from '../../state/docSession';
import { coderColor } from '../../reader/coderColors';
import './adjudicationRelations.css';

interface Props {
  relations: DocumentAdjudication['relations'];
  session: DocSession;
  reader: MutableRefObject<ReaderHandle | null>;
  /** The project's coder name: that coder's spans are selectable in the reader, the others' are not. */
  me: string;
}

export function AdjudicationRelations({ relations, session, reader, me }: Props) {
  const { t } = useI18n();
  const entities = useEntities(session);
  // The type names (the answer carries type keys); usually here already, prefetched on open.
  useEffect(() => void entities.ready(), [entities]);
  const typeName = (key: string) => entities.types.find((type) => type.key === key)?.name || key;
  const { inGold, leftOut } = relations;
  if (inGold === 0 && leftOut.length === 0) return null;
  return (
    <section className="agreement-section adjudication-relations" data-testid="adjudication-relations">
      <p>
        <strong>{t('adjudication.relations')}</strong>{' '}
        <span data-testid="adjudication-relations-gold" data-count={inGold}>
          {t('adjudication.relationsInGold', { n: inGold })}
        </span>
      </p>
      <p className="agreement-note" data-testid="adjudication-relations-left-out-count" data-count={leftOut.length}>
        {t('adjudication.relationsLeftOut', { n: leftOut.length })}
      </p>
      {leftOut.length > 0 && (
        <>
          <ul className="adjudication-relation-list" data-testid="adjudication-left-out" aria-label={t('adjudication.relations')}>
            {leftOut.map((r) => (
              <li key={`${r.coder}:${r.relationId}`}>
                <button
                  type="button"
                  className="adjudication-relation"
                  data-testid="adjudication-left-out-row"
                  data-relation-id={r.relationId}
                  data-coder={r.coder}
                  data-reason={r.reason}
                  onClick={() => showRelation(r, session, reader, me)}
                  onKeyDown={(e) => {
                    // Enter shows this relation; the panel's Enter (decide the unit) must not also fire.
                    if (e.key === 'Enter') e.stopPropagation();
                  }}
                >
                  <span className="coder-swatch" style={{ borderColor: coderColor(r.coder) }} aria-hidden="true" />
                  <span>{t('adjudication.relationRow', { type: typeName(r.typeKey), from: r.from.text, to: r.to.text, coder: r.coder })}</span>
                  <span className="agreement-note adjudication-relation-reason">{t(`adjudication.reason.${r.reason}`)}</span>
                </button>
              </li>
            ))}
          </ul>
          <p className="agreement-note">{t('adjudication.relationsHint')}</p>
        </>
      )}
    </section>
  );
}

/** Shows a left-out relation in the reader: my span selected (with its arcs), another coder's two ends scrolled to and marked. */
function showRelation(r: LeftOutRelation, session: DocSession, reader: MutableRefObject<ReaderHandle | null>, me: string): void {
  const mine = r.coder === me ? session.findSame(r.from.start, r.from.end, r.from.labelId) : null;
  if (mine) return session.select(mine.id, true);
  const ctl = reader.current?.ctl;
  if (!ctl) return;
  ctl.scrollToOffset(r.from.start, 'center');
  // The unit's own mark comes back when the current unit changes (useReaderFollow).
  ctl.unitMark.set(
    [
      { start: r.from.start, end: r.from.end },
      { start: r.to.start, end: r.to.end },
    ],
    ctl.editors.renderedBlocks(),
  );
}
