// Label every hit (or the checked ones) with one label: a preview of what would happen first, then
// one batch written in one transaction; batches undo and redo as whole steps, newest first.
import { useCallback, useRef, useState } from 'react';
import type { HitRef, LabelAllPreview, SearchQuery } from '../../../shared/api/search';
import { callOrThrow } from '../api/client';
import { useI18n } from '../i18n';
import { errorMessage, useToast } from '../state/toasts';

export interface LabelAllPlan {
  search: SearchQuery;
  hits: 'all' | HitRef[];
  labelId: number;
  preview: LabelAllPreview;
}

/** The last batch written or undone, shown beside its Undo / Redo buttons. */
export interface BatchNotice {
  message: string;
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * `onChanged` hears which documents gained or lost spans (null: not known, any may have), so the concordance and an open reader
 * show the change at once.
 */
export function useLabelAll(onChanged: (documentIds: number[] | null) => void) {
  const { t } = useI18n();
  const toast = useToast();
  const [plan, setPlan] = useState<LabelAllPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<BatchNotice | null>(null);
  const done = useRef<{ batchId: number; documentIds: number[] }[]>([]);
  const undone = useRef<{ batchId: number; documentIds: number[] }[]>([]);
  const changed = useRef(onChanged);
  changed.current = onChanged;

  const run = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      try {
        await work();
      } catch (error) {
        toast.error(errorMessage(error));
      } finally {
        setBusy(false);
      }
    },
    [toast],
  );

  const stacks = () => ({ canUndo: done.current.length > 0, canRedo: undone.current.length > 0 });

  /** Asks what labelling would do and shows it; nothing is written yet. */
  const preview = useCallback(
    (search: SearchQuery, hits: 'all' | HitRef[], labelId: number) =>
      run(async () => setPlan({ search, hits, labelId, preview: await callOrThrow('search:labelPreview', { search, hits, labelId }) })),
    [run],
  );

  const confirm = useCallback(
    () =>
      run(async () => {
        if (!plan) return;
        const result = await callOrThrow('search:labelAll', { search: plan.search, hits: plan.hits, labelId: plan.labelId });
        setPlan(null);
        done.current.push({ batchId: result.batchId, documentIds: [] });
        undone.current = [];
        setNotice({ message: t('search.labelled', { n: result.create, documents: result.documents }), ...stacks() });
        changed.current(null);
      }),
    [run, plan, t],
  );

  const undo = useCallback(
    () =>
      run(async () => {
        const batch = done.current.pop();
        if (!batch) return toast.info(t('search.nothingToUndo'));
        const result = await callOrThrow('search:undoLabelAll', { batchId: batch.batchId }).catch((e: unknown) => {
          done.current.push(batch);
          throw e;
        });
        undone.current.push({ ...batch, documentIds: result.documentIds });
        const kept = result.leftAlone > 0 ? ` ${t('search.undoneKept', { n: result.leftAlone })}` : '';
        setNotice({ message: t('search.undone', { n: result.removed }) + kept, ...stacks() });
        changed.current(result.documentIds);
      }),
    [run, toast, t],
  );

  const redo = useCallback(
    () =>
      run(async () => {
        const batch = undone.current.pop();
        if (!batch) return toast.info(t('search.nothingToRedo'));
        const result = await callOrThrow('search:redoLabelAll', { batchId: batch.batchId }).catch((e: unknown) => {
          undone.current.push(batch);
          throw e;
        });
        done.current.push({ ...batch, documentIds: result.documentIds });
        setNotice({ message: t('search.redone', { n: result.created }), ...stacks() });
        changed.current(result.documentIds);
      }),
    [run, toast, t],
  );

  return { plan, busy, notice, preview, confirm, cancel: () => setPlan(null), undo, redo };
}
