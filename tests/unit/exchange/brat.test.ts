import { describe, expect, test } from 'vitest';
import { exportToStrings, parseExchange } from '../../../shared/exchange';
import { at, ctx, cpSlice, DEMO_TEXT, demoDoc, doc, draftTriples, span, triples } from './fixtures';

const asFiles = (files: Map<string, string>) => [...files].map(([name, text]) => ({ name, text }));

describe('brat', () => {
  test('writes .txt and .ann per document with code-point offsets', () => {
    const { files } = exportToStrings('brat', [demoDoc(5)], ctx());
    expect([...files.keys()]).toEqual(['doc-5.txt', 'doc-5.ann', 'annotation.conf', 'visual.conf']);
    expect(files.get('doc-5.txt')).toBe(DEMO_TEXT);
    const ann = files.get('doc-5.ann') ?? '';
    expect(ann).toContain('T13\tPERSON 25 28\t李𠮷华\nA3\trole T13 镇长\n');
    expect(ann).toContain('T16\tPROJECT 44 48\t𠮷祥工程\n');
    // Python: txt[start:end] with code points.
    expect(cpSlice(DEMO_TEXT, 25, 28)).toBe('李𠮷华');
  });

  test('a span crossing a line break becomes fragments, joined with a space in the text field', () => {
    const { files } = exportToStrings('brat', [demoDoc(5)], ctx());
    const ann = files.get('doc-5.ann') ?? '';
    expect(ann).toContain('T14\tSLOGAN 32 34;35 37\t绿色 发展\n');
    expect(ann).toContain('T15\tTARGET 31 34;35 40\t“绿色 发展”目标\n');
    expect(ann.split('\n').every((line) => !line.includes('\r'))).toBe(true);
  });

  test('attribute values with spaces and separators round-trip exactly', () => {
    const { files } = exportToStrings('brat', [demoDoc(5)], ctx());
    expect(files.get('doc-5.ann')).toContain('A2\tnote T11 a%20b%2Cc%7Cd%3A%2520\n');
    const { drafts, problems } = parseExchange('brat', asFiles(files));
    expect(problems).toEqual([]);
    expect(drafts).toHaveLength(1);
    expect(drafts[0].metadata.externalId).toBe('doc-5');
    expect(drafts[0].text).toBe(DEMO_TEXT);
    expect(draftTriples(drafts[0])).toEqual(triples(demoDoc(5).spans));
    expect(drafts[0].spans[0].attributes).toEqual({ role: '区委书记', note: 'a b,c|d:%20' });
  });

  test('writes annotation.conf and visual.conf for the brat server', () => {
    const { files } = exportToStrings('brat', [demoDoc(5)], ctx());
    expect(files.get('annotation.conf')).toContain(
      '[entities]\nPERSON\nSLOGAN\nPROJECT\nTARGET\n[relations]\n[events]\n[attributes]\nrole\tArg:PERSON, Value:区委书记|镇长\n',
    );
    expect(files.get('visual.conf')).toContain('PERSON | 人物 | Person');
  });

  test('line breaks at span edges are trimmed (adjusted); line-break-only spans dropped', () => {
    const t = '甲\n乙\n\n丙';
    const { files, dropped, adjusted } = exportToStrings(
      'brat',
      [doc(1, t, [span(1, 0, 2, 'PERSON'), span(2, 2, 4, 'TARGET'), span(3, 3, 5, 'SLOGAN')])],
      ctx(),
    );
    expect(files.get('doc-1.ann')).toBe('T1\tPERSON 0 1\t甲\nT2\tTARGET 2 3\t乙\n');
    expect(dropped).toEqual([{ reason: 'line-break-only', count: 1 }]);
    expect(adjusted).toEqual([{ reason: 'line-break-trimmed', count: 2 }]);
  });

  test('with a split, documents go into train/dev/test folders', () => {
    const { files } = exportToStrings('brat', [doc(1, '甲', [], { split: 'dev' })], ctx());
    expect([...files.keys()]).toEqual(['dev/doc-1.txt', 'dev/doc-1.ann', 'annotation.conf', 'visual.conf']);
  });

  test('imports brat from elsewhere: pairs files, merges fragments, reads notes and relations, reports the rest', () => {
    const txt = '张三在北京工作。\n李四';
    const ann = [
      'T1\tPer 0 2\t张三',
      'T2\tLoc 3 5\t北京',
      'T3\tPer 9 11\t李',
      'T4\tEvent 0 2;5 7\t张三 工作',
      'A1\tNegated T1',
      '#1\tAnnotatorNotes T2\t首都 city',
      'R1\tLives Arg1:T1 Arg2:T2',
      'A2\trole T9 x',
    ].join('\n');
    const { drafts, problems } = parseExchange('brat', [
      { name: 'set/a.ann', text: ann },
      { name: 'set/a.txt', text: txt },
      { name: 'set/b.txt', text: '无标注' },
      { name: 'set/c.ann', text: '' },
      { name: 'annotation.conf', text: '[entities]' },
    ]);
    expect(drafts.map((d) => d.metadata.externalId)).toEqual(['a', 'b']);
    // The spans keep their T ids as refs: the relation (#23) names them.
    expect(drafts[0].spans).toEqual([
      { start: 0, end: 2, label: 'Per', attributes: { Negated: '' }, ref: 'T1' },
      { start: 0, end: 7, label: 'Event', ref: 'T4' },
      { start: 3, end: 5, label: 'Loc', attributes: { note: '首都 city' }, ref: 'T2' },
    ]);
    expect(drafts[0].relations).toEqual([{ type: 'Lives', from: 'T1', to: 'T2', line: 7 }]);
    expect(drafts[1].spans).toEqual([]);
    const messages = problems.map((p) => `${p.file}:${p.line ?? ''} ${p.message}`);
    expect(messages).toEqual([
      'set/a.ann:3 T3: offsets cover "李四", not "李"; skipped',
      'set/a.ann:4 T4: discontinuous span imported as one span covering its fragments',
      'set/a.ann:8 attribute role refers to unknown annotation T9; skipped',
      'set/c.ann: no .txt file with the same name; skipped',
    ]);
  });

  test('offsets are code points, not UTF-16 units', () => {
    const t = '😀王明远';
    const { files } = exportToStrings('brat', [doc(1, t, [span(1, ...at(t, '王明远'), 'PERSON')])], ctx());
    expect(files.get('doc-1.ann')).toBe('T1\tPERSON 1 4\t王明远\n');
  });
});
