// labels:reorder takes every label exactly once: a repeated id used to pass when another was left out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCore, type TestCore } from '../helpers';

let core: TestCore;
beforeEach(() => (core = testCore()));
afterEach(() => core.dispose());

const reorder = (ids: unknown) => core.registry.dispatch('labels:reorder', { ids });

describe('labels:reorder', () => {
  it('refuses repeated, unknown and missing ids with invalid_input, and changes nothing', async () => {
    const before = await core.call('labels:list', {});
    const [a, b, c, d] = before.map((l) => l.id) as [number, number, number, number];
    for (const [ids, message] of [
      [[a, a, b, c], /more than once: \d+/],
      [[d, c, b, b], /more than once/],
      [[a, b, c], /missing: \d+/],
      [[a, b, c, d, 999], /no label 999/],
      [[a, b, c, 999], /no label 999/],
    ] as const) {
      const result = await reorder(ids);
      expect(result.ok, JSON.stringify(ids)).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.message).toMatch(message);
      }
    }
    expect(await core.call('labels:list', {})).toEqual(before);
  });

  it('reorders when every label is listed once', async () => {
    const ids = (await core.call('labels:list', {})).map((l) => l.id).reverse();
    expect((await core.call('labels:reorder', { ids })).map((l) => l.id)).toEqual(ids);
  });
});
