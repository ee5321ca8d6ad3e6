// The keys of a relation list (#23): one row holds the focus (roving tabindex), and the keys of
// relationListKeys.ts act on it. Used by the span detail's list, the review card's and the
// document's (a virtual list: the row is scrolled into view, then focused once it is drawn).
import { useEffect, useRef, useState } from 'react';
import type { Relation } from '../../../shared/api/entities';
import type { EntityState } from './entityState';
import { relationListAction } from './relationListKeys';

/** Frames to wait for a row scrolled into a virtual list to be drawn. */
const FOCUS_TRIES = 6;

export interface RelationListKeys {
  onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => void;
  /** Props of a row: only the current one is in the Tab order. */
  rowProps: (id: number) => { tabIndex: number; current: boolean; onFocus: () => void };
}

export function useRelationListKeys(
  relations: readonly Relation[],
  state: EntityState,
  act: (work: () => Promise<void>) => void,
  scrollTo?: (index: number) => void,
): RelationListKeys {
  const [currentId, setCurrentId] = useState<number | null>(null);
  const [focusWanted, setFocusWanted] = useState(0);
  const listRoot = useRef<Element | null>(null);
  const current = relations.some((r) => r.id === currentId) ? currentId : (relations[0]?.id ?? null);

  // Focus follows the keys once React has drawn the row (at once, or after a virtual list scrolled).
  useEffect(() => {
    if (focusWanted === 0 || current === null) return;
    let tries = 0;
    let frame = 0;
    const focus = () => {
      const row = listRoot.current?.querySelector<HTMLElement>(`[data-relation-id="${current}"]`);
      if (row) row.focus();
      else if (++tries < FOCUS_TRIES) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, [focusWanted, current]);

  const moveTo = (index: number) => {
    const target = relations[index];
    if (!target) return;
    setCurrentId(target.id);
    scrollTo?.(index);
    setFocusWanted((n) => n + 1);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLElement>) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-relation-id]');
    if (!row) return;
    const index = relations.findIndex((r) => r.id === Number(row.dataset.relationId));
    const action = relationListAction(e.key, e, relations, index);
    if (!action) return;
    // The list has these keys: the workbench's A/R/J/K/Del must not act on the selected span too.
    e.preventDefault();
    e.stopPropagation();
    listRoot.current = row.parentElement?.closest('[role="list"]') ?? row.parentElement;
    const relation = relations[index];
    if (action.kind === 'focus') moveTo(action.index);
    else if (action.kind === 'review') {
      act(() => state.reviewRelation(relation.id, action.state));
      moveTo(action.then);
    } else {
      const next = relations.filter((r) => r.id !== relation.id)[action.then];
      act(async () => {
        await state.deleteRelation(relation.id);
        if (next) {
          setCurrentId(next.id);
          setFocusWanted((n) => n + 1);
        }
      });
    }
  };

  return {
    onKeyDown,
    rowProps: (id) => ({
      tabIndex: id === current ? 0 : -1,
      current: id === current,
      onFocus: () => setCurrentId(id),
    }),
  };
}

/**
 * Shift+R: focuses the side pane's relation list (the selected span's, or the document's), on its
 * current row; false when none is shown.
 */
export function focusRelationList(): boolean {
  const lists = [...document.querySelectorAll<HTMLElement>('.right-panel [role="list"].relation-list, .right-panel .relation-rows')];
  for (const list of lists) {
    const row =
      list.querySelector<HTMLElement>('[data-relation-id][tabindex="0"]') ??
      list.querySelector<HTMLElement>('[data-relation-id].review-pending') ??
      list.querySelector<HTMLElement>('[data-relation-id]');
    if (row) {
      row.focus();
      return true;
    }
  }
  return false;
}
