// One pattern's fields (name, regular expression, label), saved with patterns:create or :update, and
// tried on the open document with patterns:test: the hits with their context (a click selects one
// in the reader) or the expression's problem, shown next to the field as the save's refusal is.
import { useId, useState, type MutableRefObject } from 'react';
import type { Pattern, PatternTest } from '../../../shared/api/suggestions';
import { callOrThrow } from '../api/client';
import { useI18n } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';
import { errorMessage } from '../state/toasts';

/** Hits listed under the test; the count says how many there are in all. */
const HITS_SHOWN = 8;
const CONTEXT_CHARS = 10;

interface Props {
  /** null: a new pattern. */
  pattern: Pattern | null;
  session: DocSession | null;
  reader: MutableRefObject<ReaderHandle | null> | null;
  onSaved: (p: Pattern) => void;
  onCancel: () => void;
}

export function PatternForm({ pattern, session, reader, onSaved, onCancel }: Props) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  const id = useId();
  const draft = usePatternDraft(pattern, session, onSaved, labels[0]?.key ?? '');
  const { name, regex, regexError, otherError, test } = draft;
  const select = (start: number, end: number) => {
    const handle = reader?.current;
    if (!handle) return;
    handle.sel.set(start, end);
    handle.ctl.scrollToOffset(start, 'center');
  };
  return (
    <form
      className="pattern-form"
      aria-label={pattern ? t('suggest.pattern.editNamed', { name: pattern.name }) : t('suggest.pattern.new')}
      onSubmit={(e) => {
        e.preventDefault();
        void draft.save();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('suggest.pattern.name')}</label>
        <input id={`${id}-name`} className="input" value={name} required maxLength={200} onChange={(e) => draft.setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-regex`}>{t('suggest.pattern.regex')}</label>
        <input
          id={`${id}-regex`}
          className="input suggest-regex-input"
          value={regex}
          required
          spellCheck={false}
          aria-invalid={regexError ? true : undefined}
          aria-describedby={regexError ? `${id}-regex-error` : undefined}
          onChange={(e) => draft.changeRegex(e.target.value)}
        />
        {regexError && (
          <p id={`${id}-regex-error`} className="error-text" role="alert">
            {regexError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-label`}>{t('suggest.pattern.label')}</label>
        <select id={`${id}-label`} className="input" value={draft.labelKey} onChange={(e) => draft.setLabelKey(e.target.value)}>
          {labels.map((l) => (
            <option key={l.id} value={l.key}>
              {labelName(l)} ({l.key})
            </option>
          ))}
        </select>
      </div>
      {otherError && (
        <p className="error-text" role="alert">
          {otherError}
        </p>
      )}
      <div className="pattern-form-buttons">
        <button type="button" className="button button-small" disabled={!session || !regex} onClick={() => void draft.runTest()}>
          {t('suggest.pattern.test')}
        </button>
        <button type="submit" className="button button-small button-primary" disabled={draft.busy || !name.trim() || !regex}>
          {t('common.save')}
        </button>
        <button type="button" className="button button-small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      {test && !test.error && session && <TestHits test={test} text={session.doc.text} select={select} />}
    </form>
  );
}

/** The form's fields, its save (create or update) and its test on the open document, with what each answered. */
function usePatternDraft(pattern: Pattern | null, session: DocSession | null, onSaved: (p: Pattern) => void, firstLabel: string) {
  const [name, setName] = useState(pattern?.name ?? '');
  const [regex, setRegex] = useState(pattern?.regex ?? '');
  const [labelKey, setLabelKey] = useState(pattern?.labelKey ?? firstLabel);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [test, setTest] = useState<PatternTest | null>(null);
  const [busy, setBusy] = useState(false);
  // The server names the field first ("regex: …"): that refusal goes under the expression, others under the form.
  const regexError = test?.error ?? (saveError?.startsWith('regex') ? saveError : null);
  const otherError = saveError && !saveError.startsWith('regex') ? saveError : null;
  const save = async () => {
    setBusy(true);
    setSaveError(null);
    setTest(null);
    try {
      const fields = { name: name.trim(), regex, labelKey };
      onSaved(pattern ? await callOrThrow('patterns:update', { id: pattern.id, changes: fields }) : await callOrThrow('patterns:create', fields));
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const runTest = async () => {
    if (!session || !regex) return;
    setSaveError(null);
    try {
      setTest(await callOrThrow('patterns:test', { regex, documentId: session.doc.id }));
    } catch (e) {
      setTest({ hits: [], error: errorMessage(e) });
    }
  };
  const changeRegex = (value: string) => {
    setRegex(value);
    setTest(null);
    setSaveError(null);
  };
  return { name, setName, regex, changeRegex, labelKey, setLabelKey, regexError, otherError, test, busy, save, runTest };
}

function TestHits({ test, text, select }: { test: PatternTest; text: string; select: (start: number, end: number) => void }) {
  const { t } = useI18n();
  return (
    <div className="pattern-test" data-testid="pattern-test">
      <p className="pattern-test-count" role="status">
        {t('suggest.pattern.hits', { count: test.hits.length })}
      </p>
      <ul>
        {test.hits.slice(0, HITS_SHOWN).map((h) => (
          <li key={`${h.start}-${h.end}`}>
            <button type="button" className="pattern-hit" onClick={() => select(h.start, h.end)}>
              <span className="pattern-hit-left">
                <span>{oneLine(text.slice(Math.max(0, h.start - CONTEXT_CHARS), h.start))}</span>
              </span>
              <mark>{h.text}</mark>
              <span className="pattern-hit-right">{oneLine(text.slice(h.end, h.end + CONTEXT_CHARS))}</span>
            </button>
          </li>
        ))}
      </ul>
      {test.hits.length > HITS_SHOWN && <p className="suggest-muted">{t('suggest.pattern.moreHits', { count: test.hits.length - HITS_SHOWN })}</p>}
    </div>
  );
}

/** Context on one line: a paragraph break shows as a space. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ');
