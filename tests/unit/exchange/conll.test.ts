import { describe, expect, test } from 'vitest';
import { exportToStrings, parseExchange } from '../../../shared/exchange';
import { isWhitespaceUnit, WHITESPACE } from '../../../shared/exchange/common';
import { at, ctx, doc, draftTriples, span } from './fixtures';

const rows = (file: string) => file.split('\n');

describe('conll-bio / conll-bioes', () => {
  const text = '区委书记王明远说：“建设𠮷祥社区！”\n  镇长李华 调研。';
  const d = doc(1, text, [
    span(1, ...at(text, '王明远'), 'PERSON'),
    span(2, ...at(text, '𠮷祥社区'), 'PROJECT'),
    span(3, ...at(text, '李'), 'PERSON'),
    span(4, ...at(text, '李华 调研'), 'TARGET'),
  ]);

  test('BIO: one character per line, whitespace skipped, sentences after 。！？ and line breaks', () => {
    const { files, dropped } = exportToStrings('conll-bio', [d], ctx());
    const file = files.get('') ?? '';
    expect(dropped).toEqual([{ reason: 'overlap', count: 1 }]);
    expect(file.startsWith('-DOCSTART-\tO\n\n区\tO\n')).toBe(true);
    expect(file).toContain('王\tB-PERSON\n明\tI-PERSON\n远\tI-PERSON\n说\tO\n');
    expect(file).toContain('𠮷\tB-PROJECT\n祥\tI-PROJECT\n');
    // The closing quote stays with its sentence; the line break and spaces are not written.
    expect(file).toContain('！\tO\n”\tO\n\n镇\tO\n长\tO\n李\tB-TARGET\n华\tI-TARGET\n调\tI-TARGET\n研\tI-TARGET\n。\tO\n\n');
    expect(rows(file).some((r) => /^\s\t/.test(r))).toBe(false);
  });

  test('BIOES marks ends and single characters', () => {
    const one = doc(2, '王说李华。', [span(1, 0, 1, 'PERSON'), span(2, 2, 4, 'PERSON')]);
    const { files } = exportToStrings('conll-bioes', [one], ctx());
    expect(files.get('')).toBe('-DOCSTART-\tO\n\n王\tS-PERSON\n说\tO\n李\tB-PERSON\n华\tE-PERSON\n。\tO\n\n');
  });

  test('overlap policy: longest wins, ties go to the earlier start, then the lower id', () => {
    const t = '甲乙丙丁戊己';
    const spans = [span(5, 0, 2, 'PERSON'), span(4, 1, 3, 'TARGET'), span(3, 2, 4, 'SLOGAN'), span(9, 4, 6, 'PROJECT'), span(8, 4, 6, 'TARGET')];
    const { files, dropped } = exportToStrings('conll-bio', [doc(3, t, spans)], ctx());
    expect(dropped).toEqual([{ reason: 'overlap', count: 2 }]);
    const { drafts } = parseExchange('conll-bio', [{ name: 'x.conll', text: files.get('') ?? '' }]);
    expect(draftTriples(drafts[0])).toEqual([
      [0, 2, 'PERSON'],
      [2, 4, 'SLOGAN'],
      [4, 6, 'TARGET'],
    ]);
    const longest = exportToStrings('conll-bio', [doc(3, t, [span(1, 0, 2, 'PERSON'), span(2, 1, 5, 'TARGET')])], ctx());
    expect(longest.files.get('')).toContain('乙\tB-TARGET');
  });

  test('a span is never cut by a sentence break, and whitespace-only spans are reported', () => {
    const t = '口号“绿色。\n发展”提出。 ';
    const spans = [span(1, ...at(t, '绿色。\n发展'), 'SLOGAN'), span(2, t.length - 1, t.length, 'TARGET')];
    const { files, dropped } = exportToStrings('conll-bioes', [doc(4, t, spans)], ctx());
    expect(dropped).toEqual([{ reason: 'whitespace-only', count: 1 }]);
    // The breaks after 。 and at the line break move to the end of the span.
    expect(files.get('')).toContain('“\tO\n绿\tB-SLOGAN\n色\tI-SLOGAN\n。\tI-SLOGAN\n发\tI-SLOGAN\n展\tE-SLOGAN\n\n”\tO\n提\tO\n出\tO\n。\tO\n\n');
  });

  test('with a split, documents go to train/dev/test files', () => {
    const docs = [doc(1, '甲。', [], { split: 'train' }), doc(2, '乙。', [], { split: 'test' }), doc(3, '丙。', [], { split: 'train' })];
    const { files } = exportToStrings('conll-bio', docs, ctx());
    expect([...files.keys()].sort()).toEqual(['test.conll', 'train.conll']);
    expect(files.get('train.conll')).toBe('-DOCSTART-\tO\n\n甲\tO\n。\tO\n\n-DOCSTART-\tO\n\n丙\tO\n。\tO\n\n');
  });

  test('imports BIO, BIOES and BMES files from other tools, one line per sentence', () => {
    const file = ['王\tB-PER', '明\tI-PER', '在\tO', '', '北 B-LOC', '京 E-LOC', '市\tS-LOC', '上\tB-ORG', '海\tM-ORG', '\r', '张\tI-PER', '三\tX-PER'].join(
      '\n',
    );
    const { drafts, problems } = parseExchange('conll-bio', [{ name: 'msra.txt', text: file }]);
    expect(drafts).toHaveLength(1);
    expect(drafts[0].text).toBe('王明在\n北京市上海\n张三');
    expect(draftTriples(drafts[0])).toEqual([
      [0, 2, 'PER'],
      [4, 6, 'LOC'],
      [6, 7, 'LOC'],
      [7, 9, 'ORG'],
      [10, 11, 'PER'],
    ]);
    expect(problems).toEqual([{ file: 'msra.txt', line: 12, message: 'unknown tag "X-PER", read as O', code: 'conll_unknown_tag', params: { tag: 'X-PER' } }]);
  });

  test('-DOCSTART- separates documents, empty ones included', () => {
    const { files } = exportToStrings('conll-bio', [doc(1, '  \n', []), doc(2, '王。', [span(1, 0, 1, 'PERSON')])], ctx());
    const { drafts } = parseExchange('conll-bio', [{ name: 'x', text: files.get('') ?? '' }]);
    expect(drafts.map((dr) => dr.text)).toEqual(['', '王。']);
    expect(draftTriples(drafts[1])).toEqual([[0, 1, 'PERSON']]);
  });

  test('the fast whitespace check agrees with the documented set (JavaScript \\s ∪ Python isspace)', () => {
    for (let u = 0; u <= 0xffff; u++) {
      if (u >= 0xd800 && u <= 0xdfff) continue;
      expect(isWhitespaceUnit(u), u.toString(16)).toBe(WHITESPACE.test(String.fromCharCode(u)));
    }
  });
});
