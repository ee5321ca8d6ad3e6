// The adjudication state of one document: its units (agreed spans put into gold first), the
// current unit, the pending choice, and deciding it through the API.
import { useCallback, useEffect, useState } from 'react';
import type { AdjudicationChoice, DocumentAdjudication } from '../../../../shared/api/adjudication';
import { api } from '../../api/client';
import { nextOpenUnit } from './panelKeys';

export interface Adjudication {
  state: DocumentAdjudication | null;
  index: number;
  unit: DocumentAdjudication['units'][number] | null;
  choice: AdjudicationChoice | null;
  setChoice: (choice: AdjudicationChoice | null) => void;
  /** Moves to the next (1) or previous (-1) unit, wrapping around. */
  step: (dir: 1 | -1) => void;
  /** Decides the current unit with this choice (the pending one when omitted); false when refused. */
  decide: (choice?: AdjudicationChoice) => Promise<boolean>;
  error: string | null;
}

export function useAdjudication(documentId: number, coders: string[]): Adjudication {
  const [state, setState] = useState<DocumentAdjudication | null>(null);
  const [index, setIndex] = useState(0);
  const [choice, setChoice] = useState<AdjudicationChoice | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (coders.length < 2) return;
    let live = true;
    void (async () => {
      // The agreed spans go into gold in the same call: one round trip, one reading of the spans.
      const listed = await api.call('adjudication:disagreements', { documentId, coders, acceptAgreed: true });
      if (!live) return;
      if (!listed.ok) return setError(listed.error.message);
      setState(listed.value);
      setIndex(nextOpenUnit(listed.value, -1));
    })();
    return () => {
      live = false;
    };
  }, [documentId, coders]);

  const unit = state?.units[index] ?? null;
  useEffect(() => setChoice(null), [index, unit?.start, unit?.end]);

  const total = state?.units.length ?? 0;
  const step = useCallback((dir: 1 | -1) => total > 0 && setIndex((i) => (i + dir + total) % total), [total]);

  const decide = useCallback(
    async (given?: AdjudicationChoice) => {
      const chosen = given ?? choice;
      if (!unit || !chosen) return false;
      const result = await api.call('adjudication:decide', { documentId, coders, start: unit.start, end: unit.end, choice: chosen });
      if (!result.ok) {
        setError(result.error.message);
        return false;
      }
      setError(null);
      setState(result.value);
      setIndex(nextOpenUnit(result.value, index));
      setChoice(null);
      return true;
    },
    [unit, choice, documentId, coders, index],
  );

  return { state, index, unit, choice, setChoice, step, decide, error };
}
