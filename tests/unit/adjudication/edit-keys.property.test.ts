// The adjudicator's edit rules in the renderer (#20): a drafted gold span is the reader's selection
// trimmed like a coder's span, inside the unit, once per place and label, drafts kept in text
// order; which keys act while editing (the rest kept from the workbench); and the panel's keys.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDraft, editKey, type DraftSpan } from '../../../renderer/src/components/adjudication/editDrafts';
import { nextOpenUnit, panelKey } from '../../../renderer/src/components/adjudication/panelKeys';
import type { DocumentAdjudication } from '../../../shared/api/adjudication';
import { trimSpan } from '../../../shared/text/offsets';

const textArb = fc.array(fc.constantFrom('张', '延', '昆', ' ', '“', '”', '（', '）', '\n', 'a', '。'), { minLength: 1, maxLength: 30 }).map((c) => c.join(''));
const rangeIn = (length: number) =>
  fc.tuple(fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length })).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));

describe('addDraft', () => {
  test('adds the trimmed selection when it lies inside the unit, else says why; drafts stay sorted and unique', () => {
    const caseArb = textArb.chain((text) =>
      fc.record({
        text: fc.constant(text),
        unit: rangeIn(text.length),
        selections: fc.array(fc.tuple(fc.option(rangeIn(text.length), { nil: null }), fc.integer({ min: 1, max: 3 })), { maxLength: 8 }),
      }),
    );
    fc.assert(
      fc.property(caseArb, ({ text, unit, selections }) => {
        let drafts: DraftSpan[] = [];
        for (const [selection, labelId] of selections) {
          const result = addDraft(text, unit, selection, labelId, drafts);
          const trimmed = selection ? trimSpan(text, selection.start, selection.end) : null;
          if (!trimmed) expect(result).toEqual({ problem: 'noSelection' });
          else if (trimmed.start < unit.start || trimmed.end > unit.end) expect(result).toEqual({ problem: 'outside', ...trimmed });
          else if (drafts.some((d) => d.start === trimmed.start && d.end === trimmed.end && d.labelId === labelId))
            expect(result).toEqual({ problem: 'duplicate' });
          else {
            expect(Array.isArray(result)).toBe(true);
            const next = result as DraftSpan[];
            expect(next).toHaveLength(drafts.length + 1);
            expect(next).toContainEqual({ ...trimmed, labelId });
            drafts = next;
          }
        }
        for (const d of drafts) expect(d.start >= unit.start && d.end <= unit.end && d.end > d.start).toBe(true);
        const keys = drafts.map((d) => `${d.start}:${d.end}:${d.labelId}`);
        expect(new Set(keys).size).toBe(keys.length);
        const sorted = [...drafts].sort((a, b) => a.start - b.start || a.end - b.end || a.labelId - b.labelId);
        expect(drafts).toEqual(sorted);
      }),
    );
  });

  test('a selection of only spaces or reaching past the unit is refused with its place', () => {
    expect(addDraft('张 延昆', { start: 0, end: 4 }, { start: 1, end: 2 }, 1, [])).toEqual({ problem: 'noSelection' });
    expect(addDraft('张延昆。', { start: 0, end: 2 }, { start: 1, end: 3 }, 1, [])).toEqual({ problem: 'outside', start: 1, end: 3 });
    expect(addDraft('张延昆', { start: 0, end: 3 }, { start: 0, end: 2 }, 1, [])).toEqual([{ start: 0, end: 2, labelId: 1 }]);
  });
});

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('editKey', () => {
  const labelOfKey = (k: string) => ({ '1': 10, p: 20 })[k];
  test('label keys draft, Enter saves, Escape cancels, Backspace/Delete remove the last', () => {
    expect(editKey(key('1'), labelOfKey)).toEqual({ action: 'label', labelId: 10 });
    expect(editKey(key('P'), labelOfKey)).toEqual({ action: 'label', labelId: 20 });
    expect(editKey(key('Enter'), labelOfKey)).toEqual({ action: 'save' });
    expect(editKey(key('Escape'), labelOfKey)).toEqual({ action: 'cancel' });
    expect(editKey(key('Backspace'), labelOfKey)).toEqual({ action: 'removeLast' });
    expect(editKey(key('Delete'), labelOfKey)).toEqual({ action: 'removeLast' });
  });
  test('selection keys and Ctrl/Cmd shortcuts reach the reader; other plain keys (span commands) are held back', () => {
    for (const k of ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Shift', 'w'])
      expect(editKey(key(k), labelOfKey)).toEqual({ action: 'pass' });
    expect(editKey(key('z', { ctrlKey: true }), labelOfKey)).toEqual({ action: 'pass' });
    for (const k of ['j', 'k', '[', ']', '{', '}', 'n', '2']) expect(editKey(key(k), labelOfKey)).toEqual({ action: 'swallow' });
    expect(editKey(key('1', { altKey: true }), labelOfKey)).toEqual({ action: 'swallow' });
  });
});

describe('panelKey', () => {
  const press = (code: string, k = '', shiftKey = false) => ({ code, key: k, shiftKey, altKey: false, ctrlKey: false, metaKey: false });
  const coders = ['王', '李'];
  test('N/Shift+N step, digits take a listed coder, B both, 0 neither, E edit, Enter decides, Escape closes', () => {
    expect(panelKey(press('KeyN', 'n'), coders)).toEqual({ action: 'step', dir: 1 });
    expect(panelKey(press('KeyN', 'N', true), coders)).toEqual({ action: 'step', dir: -1 });
    expect(panelKey(press('Digit2', '2'), coders)).toEqual({ action: 'choose', choice: { kind: 'coder', coder: '李' } });
    expect(panelKey(press('Digit3', '3'), coders)).toBeNull();
    expect(panelKey(press('Digit0', '0'), coders)).toEqual({ action: 'choose', choice: { kind: 'none' } });
    expect(panelKey(press('KeyB', 'b'), coders)).toEqual({ action: 'choose', choice: { kind: 'all' } });
    expect(panelKey(press('KeyE', 'e'), coders)).toEqual({ action: 'edit' });
    expect(panelKey(press('Enter', 'Enter'), coders)).toEqual({ action: 'decide' });
    expect(panelKey(press('Escape', 'Escape'), coders)).toEqual({ action: 'close' });
    expect(panelKey({ ...press('KeyE', 'e'), ctrlKey: true }, coders)).toBeNull();
  });
});

describe('nextOpenUnit', () => {
  const state = (decided: boolean[]) =>
    ({ units: decided.map((d, i) => ({ start: i, end: i + 1, decision: d ? { choice: 'none', decidedAt: '' } : null })) }) as unknown as DocumentAdjudication;
  test('the next undecided unit after the current one, wrapping; the current one when all are decided', () => {
    expect(nextOpenUnit(state([false, false]), -1)).toBe(0);
    expect(nextOpenUnit(state([true, false, true, false]), 1)).toBe(3);
    expect(nextOpenUnit(state([false, true, true]), 2)).toBe(0);
    expect(nextOpenUnit(state([true, true]), 1)).toBe(1);
    expect(nextOpenUnit(state([true, true]), -1)).toBe(0);
    expect(nextOpenUnit(state([]), -1)).toBe(0);
  });
});
