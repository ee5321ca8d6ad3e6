// Relations reviewed by keyboard like spans (#23): arrows and J/K move, A/R review the focused
// relation and go on to the next pending one, Del deletes and the next row takes its place; keys
// with Ctrl/Alt/Meta (Ctrl+Z) and Shift+letters (Shift+R) stay with the workbench.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REVIEW_STATES, type ReviewState } from '../../../shared/model';
import { nextPending, relationListAction } from '../../../renderer/src/entities/relationListKeys';

const none = { ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
const rows = (...states: ReviewState[]) => states.map((reviewState) => ({ reviewState }));

describe('relation list keys', () => {
  it('moves with the arrows, J/K, Home and End, and stops at the ends', () => {
    const list = rows('pending', 'pending', 'accepted');
    expect(relationListAction('ArrowDown', none, list, 0)).toEqual({ kind: 'focus', index: 1 });
    expect(relationListAction('j', none, list, 2)).toEqual({ kind: 'focus', index: 2 });
    expect(relationListAction('ArrowUp', none, list, 0)).toEqual({ kind: 'focus', index: 0 });
    expect(relationListAction('k', none, list, 2)).toEqual({ kind: 'focus', index: 1 });
    expect(relationListAction('Home', none, list, 2)).toEqual({ kind: 'focus', index: 0 });
    expect(relationListAction('End', none, list, 0)).toEqual({ kind: 'focus', index: 2 });
  });

  it('accepts or rejects the focused relation and goes on to the next pending one, from the top after the last', () => {
    const list = rows('pending', 'accepted', 'pending', 'rejected');
    expect(relationListAction('a', none, list, 0)).toEqual({ kind: 'review', index: 0, state: 'accepted', then: 2 });
    expect(relationListAction('R', { ...none }, list, 2)).toEqual({ kind: 'review', index: 2, state: 'rejected', then: 0 });
    // Nothing else pending: the focus stays.
    expect(relationListAction('a', none, rows('pending', 'accepted'), 0)).toEqual({ kind: 'review', index: 0, state: 'accepted', then: 0 });
  });

  it('deletes the focused relation; the next row (or the one before the last) takes the focus', () => {
    expect(relationListAction('Delete', none, rows('pending', 'pending', 'pending'), 1)).toEqual({ kind: 'delete', index: 1, then: 1 });
    expect(relationListAction('Backspace', none, rows('pending', 'pending'), 1)).toEqual({ kind: 'delete', index: 1, then: 0 });
    expect(relationListAction('Delete', none, rows('pending'), 0)).toEqual({ kind: 'delete', index: 0, then: 0 });
  });

  it('leaves Ctrl/Alt/Meta keys, Shift+letters and other keys to the workbench', () => {
    const list = rows('pending');
    expect(relationListAction('z', { ...none, ctrlKey: true }, list, 0)).toBeNull();
    expect(relationListAction('a', { ...none, altKey: true }, list, 0)).toBeNull();
    expect(relationListAction('R', { ...none, shiftKey: true }, list, 0)).toBeNull();
    expect(relationListAction('Enter', none, list, 0)).toBeNull();
    expect(relationListAction('x', none, list, 0)).toBeNull();
    expect(relationListAction('a', none, [], 0)).toBeNull();
    expect(relationListAction('a', none, list, 3)).toBeNull();
  });

  it('always lands on a row of the list, and on a pending one when any other is pending', () => {
    const state = fc.constantFrom(...REVIEW_STATES);
    const key = fc.constantFrom('ArrowDown', 'ArrowUp', 'j', 'k', 'Home', 'End', 'a', 'r', 'Delete', 'Backspace');
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 30 }), fc.nat(), key, (states, at, k) => {
        const list = rows(...states);
        const index = at % list.length;
        const action = relationListAction(k, none, list, index)!;
        const size = action.kind === 'delete' ? list.length - 1 : list.length;
        const target = action.kind === 'focus' ? action.index : action.then;
        expect(target).toBeGreaterThanOrEqual(0);
        expect(target).toBeLessThan(Math.max(size, 1));
        if (action.kind === 'review') {
          const otherPending = list.some((r, i) => i !== index && r.reviewState === 'pending');
          expect(action.then !== index).toBe(otherPending);
          if (otherPending) expect(list[action.then].reviewState).toBe('pending');
        }
      }),
    );
    expect(nextPending(rows('accepted'), 0)).toBe(0);
  });
});
