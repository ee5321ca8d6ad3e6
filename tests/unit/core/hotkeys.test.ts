// Label hotkeys never take a command's key, and a label that picks its own key frees its place's digit.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_KEYS, labelKeys } from '../../../shared/hotkeys';
import { testCore, type TestCore } from '../helpers';

let core: TestCore;
afterEach(() => core?.dispose());

describe('label keys', () => {
  const labels = (hotkeys: (string | null)[]) => hotkeys.map((hotkey, i) => ({ id: i + 1, hotkey }));

  it('gives each label its own hotkey, or else its place in the bar', () => {
    expect([...labelKeys(labels(['1', '2', '3', '4', null, null])).values()]).toEqual([['1'], ['2'], ['3'], ['4'], ['5'], ['6']]);
  });

  it('frees the fifth label’s 5 when it takes 7, and the seventh label then has no digit', () => {
    const keys = labelKeys(labels(['1', '2', '3', '4', '7', null, null]));
    expect(keys.get(5)).toEqual(['7']);
    expect(keys.get(7)).toEqual([]);
    expect([...keys.values()].flat().filter((k) => k === '5')).toEqual([]);
  });

  it('never hands out a command key, even for a label stored with one', () => {
    const keys = labelKeys(labels(['a', null]));
    expect(keys.get(1)).toEqual(['1']);
    expect(keys.get(2)).toEqual(['2']);
  });

  it('property: no key tags with two labels, and no label key is a command key', () => {
    const hotkey = fc.option(fc.constantFrom(...'0123456789abcdefjknrwxyz'.split('')), { nil: null });
    // The API keeps hotkeys unique: a repeated one becomes "no hotkey".
    const stored = fc.array(hotkey, { maxLength: 14 }).map((keys) => keys.map((k, i) => (k !== null && keys.indexOf(k) === i ? k : null)));
    fc.assert(
      fc.property(stored, (hotkeys) => {
        const all = [...labelKeys(labels(hotkeys)).values()].flat();
        expect(new Set(all).size).toBe(all.length);
        for (const key of all) expect(Object.hasOwn(COMMAND_KEYS, key)).toBe(false);
      }),
    );
  });
});

describe('the labels API', () => {
  it('refuses a hotkey that a command owns, on create and on update', async () => {
    core = testCore();
    await expect(
      core.call('labels:create', { key: 'ORG', nameZh: '机构', nameEn: 'Organization', color: '#123456', hotkey: 'a', attributes: [] }),
    ).rejects.toThrow(/“a” is the key for review: accept/);
    const [person] = await core.call('labels:list', {});
    await expect(core.call('labels:update', { id: person.id, hotkey: 'r' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await core.call('labels:update', { id: person.id, hotkey: 'p' })).hotkey).toBe('p');
  });
});
