// Exports a few documents to a temporary folder and has Python read them the way researchers
// do: NLTK's ConllCorpusReader for CoNLL, plain slicing for brat, CLUENER, doccano, Label Studio
// and the mentions CSV (tests/consumers/*.py).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { ExportFormat } from '../../../shared/api/export';
import { exportToStrings, type ExportDocument } from '../../../shared/exchange';
import { at, ctx, demoDoc, doc, span } from './fixtures';

const SCRIPTS = resolve(__dirname, '../../consumers');
const dir = mkdtempSync(join(tmpdir(), 'biaozhu-consumers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function python(module?: string): string | null {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p);
  for (const exe of candidates) {
    const r = spawnSync(exe, ['-c', module ? `import ${module}` : 'pass'], { encoding: 'utf8' });
    if (r.status === 0) return exe;
  }
  return null;
}

function run(exe: string, script: string, args: string[]) {
  const r = spawnSync(exe, [join(SCRIPTS, script), ...args], { encoding: 'utf8', env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}${r.error ? `\n${r.error}` : ''}`);
  return r.stdout;
}

function write(format: ExportFormat, docs: ExportDocument[], folder: string): Map<string, string> {
  const { files } = exportToStrings(format, docs, ctx());
  for (const [path, text] of files) {
    const target = join(dir, folder, path || `export-${format}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text, 'utf8');
  }
  return files;
}

const cp = (text: string, unit: number) => [...text.slice(0, unit)].length;

// CRLF, ideographic spaces, tabs, astral characters, a span crossing a line break.
const mixed = '　　镇长李𠮷华😀在\t回龙观调研。\r\n他说：“推进𪚥字号工程！”\n\n目标：2025年 完成。';
const mixedDoc = doc(2, mixed, [
  span(21, ...at(mixed, '李𠮷华'), 'PERSON'),
  span(22, ...at(mixed, '调研。\r\n他说'), 'TARGET'),
  span(23, ...at(mixed, '𪚥字号工程'), 'PROJECT'),
  span(24, ...at(mixed, '2025年 完成'), 'TARGET'),
]);
// The demo document without its nested SLOGAN span: CoNLL needs spans that do not overlap.
const flat = demoDoc(1);
flat.spans = flat.spans.filter((s) => s.label !== 'SLOGAN');
const docs = [flat, mixedDoc];

describe('python consumers read the exports', () => {
  const py = python();

  test('python3 is available', () => {
    expect(py, 'python3 is needed for the consumer checks').not.toBeNull();
  });

  test.each(['conll-bio', 'conll-bioes'] as const)('%s with NLTK ConllCorpusReader', (format) => {
    const withNltk = python('nltk');
    if (!withNltk) throw new Error('NLTK is not installed for python3: install python3-nltk (apt-get install python3-nltk); CI installs it');
    write(format, docs, format);
    const expected = {
      scheme: format === 'conll-bio' ? 'bio' : 'bioes',
      documents: docs.map((d) => ({ text: d.text, spans: d.spans.map((s) => ({ start: cp(d.text, s.start), end: cp(d.text, s.end), label: s.label })) })),
    };
    writeFileSync(join(dir, format, 'expected.json'), JSON.stringify(expected));
    const out = run(withNltk, 'check_conll.py', [join(dir, format, 'expected.json'), join(dir, format, `export-${format}`)]);
    expect(out).toMatch(/check_conll: \d+ characters, 9 entities, 0 errors/);
  });

  test('brat: txt[start:end] of the fragments is the text field', () => {
    const all = [demoDoc(1), mixedDoc];
    write('brat', all, 'brat');
    expect(run(py as string, 'check_spans.py', ['brat', join(dir, 'brat')])).toMatch(/0 errors/);
  });

  test('CLUENER: text[start:end + 1] is the mention', () => {
    write('cluener', [demoDoc(1), mixedDoc], 'cluener');
    expect(run(py as string, 'check_spans.py', ['cluener', join(dir, 'cluener', 'export-cluener')])).toMatch(/: 10 checks, 0 errors/);
  });

  test('doccano: text[start:end] is the mention', () => {
    const all = [demoDoc(1), mixedDoc];
    write('doccano-jsonl', all, 'doccano');
    const mentions = all.map((d) => d.spans.map((s) => [s.label, d.text.slice(s.start, s.end)]));
    writeFileSync(join(dir, 'doccano', 'mentions.json'), JSON.stringify(mentions));
    expect(run(py as string, 'check_spans.py', ['doccano', join(dir, 'doccano', 'export-doccano-jsonl'), join(dir, 'doccano', 'mentions.json')])).toMatch(
      /0 errors/,
    );
  });

  test('Label Studio: data.text[start:end] is value.text', () => {
    write('label-studio', [demoDoc(1), mixedDoc], 'ls');
    expect(run(py as string, 'check_spans.py', ['label-studio', join(dir, 'ls', 'export-label-studio')])).toMatch(/: 13 checks, 0 errors/);
  });

  test('mentions CSV: text[start:end] is the mention, with 20-character contexts', () => {
    const all = [demoDoc(1), mixedDoc];
    write('mentions-csv', all, 'csv');
    writeFileSync(join(dir, 'csv', 'texts.json'), JSON.stringify(Object.fromEntries(all.map((d) => [d.id, d.text]))));
    expect(run(py as string, 'check_spans.py', ['csv', join(dir, 'csv', 'export-mentions-csv'), join(dir, 'csv', 'texts.json')])).toMatch(
      /: 40 checks, 0 errors/,
    );
  });
});
