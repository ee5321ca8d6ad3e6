// search:consistency (#21): per labelled mention string, its labels with counts, its occurrences no
// span covers, its documents; problems first.
import { afterEach, describe, expect, it } from 'vitest';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

const TEXTS = ['蔡奇同志强调两个维护。蔡奇指出。', '蔡奇调研，两个维护。', '两个维护是根本，蔡奇𠀀说。', '殷勇出席。'];
const at = (text: string, s: string, from = 0) => ({ start: text.indexOf(s, from), end: text.indexOf(s, from) + s.length });

async function project() {
  const core = testCore();
  cores.push(core);
  const ids = TEXTS.map((text, i) => addDocument(core, text, `doc${i}`));
  const labels = await core.call('labels:list', {});
  const label = (key: string) => labels.find((l) => l.key === key)!.id;
  const mark = (doc: number, s: string, key: string, from = 0) =>
    core.call('annotations:create', { documentId: ids[doc], ...at(TEXTS[doc], s, from), labelId: label(key) });
  return { core, ids, label, mark };
}

describe('search:consistency', () => {
  it('counts labels, unlabelled occurrences and documents per mention, problems first', async () => {
    const { core, mark } = await project();
    await mark(0, '蔡奇', 'PERSON');
    await mark(1, '蔡奇', 'PERSON');
    await mark(0, '两个维护', 'SLOGAN');
    await mark(1, '两个维护', 'PROJECT');
    await mark(3, '殷勇', 'PERSON');
    // A mention ending in a character outside the BMP (two UTF-16 units): cut by offsets, not code points.
    await mark(2, '蔡奇𠀀', 'PERSON');
    const all = await core.call('search:consistency', { problemsOnly: false });
    expect(all.total).toBe(4);
    expect(all.rows).toEqual([
      // 两个维护: SLOGAN 1, PROJECT 1, unlabelled 1 → 2 problems.
      {
        mention: '两个维护',
        labels: [
          { label: 'PROJECT', count: 1 },
          { label: 'SLOGAN', count: 1 },
        ],
        unlabelled: 1,
        documents: 3,
      },
      // 蔡奇: unlabelled once in doc0 (蔡奇指出); the one in 蔡奇𠀀 is covered by that span → 1 problem.
      { mention: '蔡奇', labels: [{ label: 'PERSON', count: 2 }], unlabelled: 1, documents: 2 },
      // Ties: string order (殷 U+6BB7 before 蔡 U+8521).
      { mention: '殷勇', labels: [{ label: 'PERSON', count: 1 }], unlabelled: 0, documents: 1 },
      { mention: '蔡奇𠀀', labels: [{ label: 'PERSON', count: 1 }], unlabelled: 0, documents: 1 },
    ]);
    const problems = await core.call('search:consistency', {});
    expect(problems.rows.map((r) => r.mention)).toEqual(['两个维护', '蔡奇']);
    expect(problems.total).toBe(2);
    // Pages.
    expect((await core.call('search:consistency', { problemsOnly: false, offset: 1, limit: 2 })).rows.map((r) => r.mention)).toEqual(['蔡奇', '殷勇']);
  });

  it('filters by label (the row still shows every label the string carries) and by coder', async () => {
    const { core, mark } = await project();
    await mark(0, '两个维护', 'SLOGAN');
    await mark(1, '两个维护', 'PROJECT');
    await core.call('projects:setAnnotator', { name: '李' });
    await mark(0, '蔡奇', 'PERSON');
    await mark(0, '蔡奇', 'PERSON', 5);
    const bySlogan = await core.call('search:consistency', { label: 'SLOGAN' });
    expect(bySlogan.rows.map((r) => [r.mention, r.labels.length])).toEqual([['两个维护', 2]]);
    const li = await core.call('search:consistency', { annotator: '李', problemsOnly: false });
    // 李's spans only; 两个维护 carries no span of 李, so it is not a row; 蔡奇 is unlabelled twice for 李.
    expect(li.rows).toEqual([{ mention: '蔡奇', labels: [{ label: 'PERSON', count: 2 }], unlabelled: 2, documents: 3 }]);
    expect(await core.call('search:consistency', { annotator: 'nobody' })).toEqual({ total: 0, rows: [] });
    expect(await core.call('search:consistency', { label: 'NO_SUCH' })).toEqual({ total: 0, rows: [] });
  });

  it('after label all, the unlabelled occurrences are gone', async () => {
    const { core, mark, label } = await project();
    await mark(0, '蔡奇', 'PERSON');
    expect((await core.call('search:consistency', {})).rows[0]).toMatchObject({ mention: '蔡奇', unlabelled: 3 });
    await core.call('search:labelAll', { search: { query: '蔡奇', unlabelled: true }, hits: 'all', labelId: label('PERSON') });
    // The one inside 蔡奇𠀀 is unlabelled too: labelled now, the string is consistent.
    expect(await core.call('search:consistency', {})).toEqual({ total: 0, rows: [] });
  });

  it('refuses bad input with a message naming the field', async () => {
    const { core } = await project();
    const bad = await core.registry.dispatch('search:consistency', { limit: 0 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/limit/) } });
  });
});
