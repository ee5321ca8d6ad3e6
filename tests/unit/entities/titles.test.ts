// Titles are not names (#23): what entities:propose strips from a mention before looking it up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripTitles } from '../../../electron/services/entities/titles';

describe('stripTitles', () => {
  it.each([
    ['市委书记蔡奇', '蔡奇', '市委书记'],
    ['蔡奇同志', '蔡奇', null],
    ['区委书记王明远', '王明远', '区委书记'],
    ['市委常委、副市长殷勇', '殷勇', '市委常委、副市长'],
    ['副市长 殷勇', '殷勇', '副市长'],
    ['蔡奇', '蔡奇', null],
    // All title: kept as it is, never an empty name.
    ['书记', '书记', null],
    ['市委书记', '市委书记', null],
  ])('%s → %s (role %s)', (text, name, role) => {
    expect(stripTitles(text)).toEqual({ name, role });
  });

  it('never loses a character: role and name are the mention, in order, less separators and a trailing title', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('市', '委', '书', '记', '副', '长', '蔡', '奇', '同', '志', '、', ' ', '区') }), (text) => {
        const { name, role } = stripTitles(text);
        expect(name.length).toBeGreaterThan(text.trim().length === 0 ? -1 : 0);
        expect(text.trim().startsWith(role ?? '')).toBe(true);
        expect(text.includes(name)).toBe(true);
      }),
    );
  });
});
