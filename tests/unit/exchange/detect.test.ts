import { describe, expect, test } from 'vitest';
import { EXPORT_FORMATS } from '../../../shared/api/export';
import { detectExchangeFormat, exportToStrings } from '../../../shared/exchange';
import { ctx, demoDoc } from './fixtures';

describe('detectExchangeFormat', () => {
  // The CSVs are export only (they hold no document text); brat is a folder.
  test.each(EXPORT_FORMATS.filter((f) => !f.endsWith('-csv') && f !== 'brat'))('recognises its own %s export', (format) => {
    const { files } = exportToStrings(format, [demoDoc(1), demoDoc(2)], ctx());
    expect(detectExchangeFormat('export', files.get('') ?? '')).toBe(format);
  });

  test('brat: .ann files by name, or by content', () => {
    const { files } = exportToStrings('brat', [demoDoc(1)], ctx());
    expect(detectExchangeFormat('doc-1.ann', files.get('doc-1.ann') ?? '')).toBe('brat');
    expect(detectExchangeFormat('doc-1', files.get('doc-1.ann') ?? '')).toBe('brat');
    expect(detectExchangeFormat('doc-1.txt', files.get('doc-1.txt') ?? '')).toBeNull();
  });

  test('plain-text JSONL and plain text are left to the plain import', () => {
    const plain = [JSON.stringify({ id: 1, title: '标题', text: '区委书记王明远调研。' }), JSON.stringify({ id: 2, text: '正文', label: [] })].join('\n');
    expect(detectExchangeFormat('news.jsonl', plain)).toBeNull();
    expect(detectExchangeFormat('news.jsonl', JSON.stringify({ text: 'x', label: {} }))).toBeNull();
    expect(detectExchangeFormat('a.txt', '区委书记王明远在回龙观调研。\n第二段。')).toBeNull();
    expect(detectExchangeFormat('m.csv', 'document_id,title\n1,x')).toBeNull();
    expect(detectExchangeFormat('x.json', '[{"title": "a", "text": "b"}]')).toBeNull();
  });

  test('recognises files from other tools', () => {
    expect(detectExchangeFormat('train.json', '{"text": "叶老桂博士", "label": {"name": {"叶老桂": [[0, 2]]}}}\n')).toBe('cluener');
    expect(detectExchangeFormat('a.jsonl', '\ufeff{"text": "王明远", "labels": [[0, 3, "PER"]]}\n')).toBe('doccano-jsonl');
    expect(detectExchangeFormat('a.txt', '王 B-PER\n明 I-PER\n在 O\n\n北 B-LOC\n京 I-LOC\n')).toBe('conll-bio');
    expect(detectExchangeFormat('a.bmes', '王\tB-PER\n明\tE-PER\n在\tO\n')).toBe('conll-bioes');
    expect(detectExchangeFormat('ls.json', '{\n  "data": {"text": "王"},\n  "annotations": []\n}')).toBe('label-studio');
    const annotationsFirst = `[{"id": 1, "annotations": [{"result": [${'{"id": "x", "type": "labels"}, '.repeat(200)}{}]}], "data": {"text": "王"}}]`;
    expect(detectExchangeFormat('project-1.json', annotationsFirst)).toBe('label-studio');
  });
});
