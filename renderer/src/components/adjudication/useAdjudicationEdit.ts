// Edit mode (E): the adjudicator selects text in the reader and presses a label's key (or clicks a
// label) to draft gold spans for the current unit; Enter saves them as the unit's decision (choice
// 'edit'), Escape cancels. Keys are caught on the window before the workbench's keymap sees them,
// because the keyboard is in the reader while selecting.
import { useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { AdjudicationChoice } from '../../../../shared/api/adjudication';
import { labelKeys } from '../../../../shared/hotkeys';
import type { Label } from '../../../../shared/model';
import type { ReaderHandle } from '../../reader/Reader';
import { isTypingTarget } from '../../state/keys';
import { addDraft, editKey, type DraftProblem, type DraftSpan } from './editDrafts';

export interface AdjudicationEdit {
  editing: boolean;
  drafts: DraftSpan[];
  problem: DraftProblem | { problem: 'empty' } | null;
  start: () => void;
  cancel: () => void;
  /** Adds the reader's selection under this label. */
  add: (labelId: number) => void;
  save: () => void;
}

interface Deps {
  text: string;
  unit: { start: number; end: number } | null;
  labels: Label[];
  reader: MutableRefObject<ReaderHandle | null>;
  decide: (choice: AdjudicationChoice) => Promise<boolean>;
  /** Where the keyboard goes back to when editing ends (the panel). */
  refocus: () => void;
}

export function useAdjudicationEdit({ text, unit, labels, reader, decide, refocus }: Deps): AdjudicationEdit {
  const [editing, setEditing] = useState(false);
  const [drafts, setDrafts] = useState<DraftSpan[]>([]);
  const [problem, setProblem] = useState<AdjudicationEdit['problem']>(null);
  const unitStart = unit?.start;
  const unitEnd = unit?.end;

  const stop = useCallback(() => {
    setEditing(false);
    setDrafts([]);
    setProblem(null);
  }, []);
  // Another unit (N, a decision): an edit belongs to the unit it was started on.
  useEffect(stop, [unitStart, unitEnd, stop]);

  const start = useCallback(() => {
    const handle = reader.current;
    if (unitStart === undefined || unitEnd === undefined || !handle) return;
    setEditing(true);
    setDrafts([]);
    setProblem(null);
    // The unit's extent is selected to start from; the keyboard goes to the text to adjust it.
    handle.sel.set(unitStart, unitEnd, false);
    handle.ctl.content?.focus({ preventScroll: true });
  }, [reader, unitStart, unitEnd]);

  // Back to the panel's keys; the selection made for the edit is let go, so no label key can tag it afterwards.
  const finish = useCallback(() => {
    stop();
    reader.current?.sel.collapse();
    refocus();
  }, [stop, reader, refocus]);

  const add = useCallback(
    (labelId: number) => {
      if (!unit) return;
      const next = addDraft(text, unit, reader.current?.sel.range ?? null, labelId, drafts);
      if (Array.isArray(next)) {
        setDrafts(next);
        setProblem(null);
      } else setProblem(next);
    },
    [text, unit, reader, drafts],
  );

  const save = useCallback(() => {
    if (drafts.length === 0) return setProblem({ problem: 'empty' });
    void decide({ kind: 'edit', spans: drafts }).then((saved) => saved && finish());
  }, [drafts, decide, finish]);

  useEditKeys(editing, labels, { add, save, cancel: finish, removeLast: () => setDrafts((d) => d.slice(0, -1)) });
  return { editing, drafts, problem, start, cancel: finish, add, save };
}

type EditActions = { add: (labelId: number) => void; save: () => void; cancel: () => void; removeLast: () => void };

/** While editing, capturing listeners act on label keys, Enter, Escape and Backspace (other plain keys are kept from the workbench) and on the label bar's chips. */
function useEditKeys(editing: boolean, labels: Label[], actions: EditActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  const labelOfKey = useMemo(() => {
    const byKey = new Map<string, number>();
    for (const [labelId, keys] of labelKeys(labels)) for (const k of keys) byKey.set(k.toLowerCase(), labelId);
    return (key: string) => byKey.get(key);
  }, [labels]);
  useEffect(() => {
    if (!editing) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || isTypingTarget(e.target)) return;
      const key = editKey(e, labelOfKey);
      if (key.action === 'pass') return;
      e.preventDefault();
      e.stopPropagation();
      if (key.action === 'label') latest.current.add(key.labelId);
      else if (key.action === 'save') latest.current.save();
      else if (key.action === 'cancel') latest.current.cancel();
      else if (key.action === 'removeLast') latest.current.removeLast();
    };
    // The label bar under the reader tags my own layer: while editing, its chips draft gold spans instead.
    const onClick = (e: MouseEvent) => {
      const chip = e.target instanceof Element ? e.target.closest('.label-chips > button') : null;
      const label = chip ? labels[[...chip.parentElement!.children].indexOf(chip)] : undefined;
      if (!label) return;
      e.preventDefault();
      e.stopPropagation();
      latest.current.add(label.id);
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('click', onClick, true);
    };
  }, [editing, labelOfKey, labels]);
}
