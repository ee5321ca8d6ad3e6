// Files of every kind Biaozhu imports, built at test time from the corpus beside the repository
// (never copied into it), and the ways the import fuzz damages them. All randomness comes from
// one seeded generator, so a seed reproduces a run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportToStrings, type ExportDocument } from '../../../shared/exchange';
import type { ExportFormat } from '../../../shared/api/export';
import { gbEncodeChar } from '../../../shared/import/gbk';
import { SEEDS_DIR } from '../helpers';
import { ctx, doc, span } from '../exchange/fixtures';
import { docxOf, documentXml, makeZip } from './zip-files';
import { Rng } from '../../../bench/corpus/rng';

/** The benches' seeded generator (mulberry32): the same files for the same seed everywhere. */
export const prng = (seed: number): Rng => new Rng(seed);
export type { Rng };

export interface Corpus {
  paragraphs: string[];
  /** CLUENER records: text with labelled spans (UTF-16 offsets, end exclusive). */
  labelled: { text: string; spans: { start: number; end: number; label: string }[] }[];
}

const CLUENER = join(SEEDS_DIR, '..', 'cluener', 'train.json');

export function loadCorpus(): Corpus {
  const paragraphs = readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => readFileSync(join(SEEDS_DIR, f), 'utf8').split(/\n+/))
    .map((p) => p.trim())
    .filter((p) => p.length >= 8);
  const labelled: Corpus['labelled'] = [];
  if (existsSync(CLUENER)) {
    for (const line of readFileSync(CLUENER, 'utf8').split('\n').slice(0, 400)) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as { text: string; label?: Record<string, Record<string, [number, number][]>> };
      const spans = Object.entries(record.label ?? {}).flatMap(([label, mentions]) =>
        Object.values(mentions).flatMap((ranges) => ranges.map(([s, e]) => ({ start: s, end: e + 1, label: label.toUpperCase() }))),
      );
      labelled.push({ text: record.text, spans });
    }
  }
  return { paragraphs, labelled };
}

const utf8 = (s: string) => new TextEncoder().encode(s);
export const gb18030 = (s: string) => Uint8Array.from([...s].flatMap((c) => gbEncodeChar(c) ?? []));

let big5Table: Map<string, number[]> | null = null;
export function big5(s: string): Uint8Array {
  if (!big5Table) {
    big5Table = new Map();
    const d = new TextDecoder('big5');
    for (let lead = 0xa1; lead <= 0xf9; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail > 0x7e && trail < 0xa1) continue;
        const c = d.decode(Uint8Array.of(lead, trail));
        if (c.length === 1 && c !== '\ufffd' && !big5Table.has(c)) big5Table.set(c, [lead, trail]);
      }
    }
  }
  return Uint8Array.from([...s].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : (big5Table!.get(c) ?? []))));
}

function utf16(s: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const bytes = Buffer.from((bom ? '\ufeff' : '') + s, 'utf16le');
  if (bigEndian) for (let i = 0; i + 1 < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1], bytes[i]];
  return new Uint8Array(bytes);
}

export interface FuzzFile {
  /** Relative path inside the batch folder. */
  name: string;
  bytes: Uint8Array;
  kind: string;
  mutation: string;
  /** Written as a sparse file of this many bytes instead of `bytes`. */
  sparseSize?: number;
  /** The text half of a brat pair: the import reads it with its .ann, not as a file of its own. */
  companion?: boolean;
  /** Written in UTF-8: cut, or with one bit flipped, it must still be read as UTF-8. */
  utf8?: boolean;
  /** Bits flipped by the bitflip mutation. */
  flips?: number;
}

const article = (rng: Rng, corpus: Corpus) => Array.from({ length: rng.int(1, 8) }, () => rng.pick(corpus.paragraphs));
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const csvCell = (s: string) => (/[",\n\r\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const EXCHANGE: [ExportFormat, string][] = [
  ['biaozhu-jsonl', 'jsonl'],
  ['doccano-jsonl', 'jsonl'],
  ['cluener', 'json'],
  ['conll-bio', 'conll'],
  ['conll-bioes', 'bioes'],
  ['brat', 'ann'],
  ['label-studio', 'json'],
  ['mentions-csv', 'csv'],
];

function exchangeDocs(rng: Rng, corpus: Corpus): ExportDocument[] {
  return Array.from({ length: rng.int(1, 4) }, (_, i) => {
    const record = rng.pick(corpus.labelled);
    const spans = record.spans.map((s, k) => span(k + 1, s.start, s.end, rng.pick(['PERSON', 'SLOGAN', 'PROJECT', 'TARGET', s.label])));
    return doc(i + 1, record.text, spans);
  });
}

/** One well-formed file (or a brat pair) of a random kind; `stem` keeps names unique. */
export function makeFile(rng: Rng, corpus: Corpus, stem: string): FuzzFile[] {
  const paragraphs = article(rng, corpus);
  const text = paragraphs.join('\n');
  const kind = rng.pick([
    'txt-utf8',
    'txt-gb18030',
    'txt-big5',
    'txt-utf16',
    'html',
    'html-gbk',
    'docx',
    'jsonl',
    'json',
    'csv',
    'tsv',
    'exchange',
    'exchange',
  ]);
  const one = (ext: string, bytes: Uint8Array, utf8 = false): FuzzFile[] => [{ name: `${stem}.${ext}`, bytes, kind, mutation: 'none', utf8 }];
  switch (kind) {
    case 'txt-utf8':
      return one('txt', utf8(text), true);
    case 'txt-gb18030':
      return one('txt', gb18030(text));
    case 'txt-big5':
      return one('txt', big5(text));
    case 'txt-utf16':
      return one('txt', utf16(text, rng.next() < 0.5, rng.next() < 0.5));
    case 'html':
    case 'html-gbk': {
      const charset = kind === 'html' ? 'utf-8' : 'gbk';
      const page =
        `<!DOCTYPE html><html><head><meta charset="${charset}"><title>${escapeHtml(paragraphs[0].slice(0, 20))}_北京日报</title>` +
        `<meta name="publishdate" content="2024-05-0${rng.int(1, 9)}"></head><body><nav>首页 要闻</nav><article><h1>${escapeHtml(paragraphs[0].slice(0, 20))}</h1>` +
        paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n') +
        '</article><footer>版权所有</footer></body></html>';
      return kind === 'html' ? one(rng.pick(['html', 'htm']), utf8(page), true) : one(rng.pick(['html', 'htm']), gb18030(page));
    }
    case 'docx':
      return one('docx', docxOf(documentXml(paragraphs)));
    case 'jsonl':
      return one(
        'jsonl',
        utf8(paragraphs.map((p, i) => JSON.stringify({ id: `${stem}-${i}`, title: p.slice(0, 12), date: '2024-05-01', text: p })).join('\n')),
        true,
      );
    case 'json':
      return one('json', utf8(JSON.stringify({ articles: paragraphs.map((p, i) => ({ id: i, content: p, source: '北京日报' })) })), true);
    case 'csv':
    case 'tsv': {
      const sep = kind === 'csv' ? ',' : '\t';
      const rows = [['title', 'date', 'text'], ...paragraphs.map((p) => [p.slice(0, 10), '2024-05-01', p])];
      return one(kind, utf8(rows.map((r) => r.map((c) => (kind === 'csv' ? csvCell(c) : c.replace(/[\t\n]/g, ' '))).join(sep)).join('\n')), true);
    }
    default: {
      const [format, ext] = rng.pick(EXCHANGE);
      const { files } = exportToStrings(format, exchangeDocs(rng, corpus), ctx());
      if (format === 'brat') {
        const txt = files.get('doc-1.txt')!;
        return [
          { name: `${stem}.ann`, bytes: utf8(files.get('doc-1.ann')!), kind: 'brat', mutation: 'none', utf8: true },
          { name: `${stem}.txt`, bytes: utf8(txt), kind: 'brat-txt', mutation: 'none', companion: true },
        ];
      }
      return [{ name: `${stem}.${ext}`, bytes: utf8([...files.values()][0]), kind: format, mutation: 'none', utf8: true }];
    }
  }
}

/** Deeply nested content of the file's kind, at depths the old parsers took 20 s to minutes over. */
function nested(rng: Rng, file: FuzzFile): Uint8Array {
  const depth = rng.int(150_000, 300_000);
  const ext = file.name.slice(file.name.lastIndexOf('.') + 1);
  if (ext === 'docx') return docxOf(`<w:document><w:body>${'<w:p><w:r>'.repeat(depth)}<w:t>北京</w:t>${'</w:r></w:p>'.repeat(depth)}</w:body></w:document>`);
  if (ext === 'json' || ext === 'jsonl') return utf8(`${'['.repeat(depth)}"北京"${']'.repeat(rng.next() < 0.5 ? depth : 0)}`);
  const tag = rng.pick(['div', 'span', 'p', 'b', 'li', 'td']);
  const close = rng.next() < 0.5 ? `</${tag}>`.repeat(depth) : '';
  return utf8(`<html><body>${`<${tag}>`.repeat(depth)}北京市朝阳区${close}</body></html>`);
}

const bombs = new Map<boolean, Uint8Array>();
/**
 * A .docx whose document.xml unzips to 51 MB of paragraph text, declaring its true size or lying
 * (2 KB); built once. Unchecked, it became a 50-million-character document.
 */
function zipBomb(lie: boolean): Uint8Array {
  let bomb = bombs.get(lie);
  if (!bomb) {
    const paragraph = `<w:p><w:r><w:t>${'北京市朝阳区召开会议。'.repeat(300)}</w:t></w:r></w:p>`;
    const xml = `<w:document><w:body>${paragraph.repeat(Math.ceil((51 << 20) / Buffer.byteLength(paragraph)))}</w:body></w:document>`;
    bombs.set(lie, (bomb = docxOf(xml, lie ? 2048 : undefined)));
  }
  return bomb;
}

const MUTATIONS = [
  'none',
  'none',
  'truncate',
  'truncate',
  'bitflip',
  'bitflip',
  'bitflip',
  'splice',
  'nested',
  'zipped',
  'wrong-kind',
  'empty',
  'bomb',
] as const;

/** Damages a file in one of the ways the fuzz covers; brat companions are left alone. */
export function mutate(rng: Rng, file: FuzzFile, other: FuzzFile): FuzzFile {
  if (file.companion) return file;
  const mutation = rng.pick(MUTATIONS);
  const b = file.bytes;
  const out = (bytes: Uint8Array, extra: Partial<FuzzFile> = {}): FuzzFile => ({ ...file, bytes, mutation, ...extra });
  switch (mutation) {
    case 'none':
      return file;
    case 'truncate':
      return out(b.slice(0, rng.int(0, Math.max(0, b.length - 1))));
    case 'bitflip': {
      const copy = b.slice();
      const flips = rng.next() < 0.5 ? 1 : rng.int(2, 24);
      for (let n = flips; n > 0 && copy.length; n--) copy[rng.int(0, copy.length - 1)] ^= 1 << rng.int(0, 7);
      return out(copy, { flips });
    }
    case 'splice': {
      // Random bytes in, a range out, or a range repeated: a damaged copy or a bad concatenation.
      const at = rng.int(0, b.length);
      const junk = Uint8Array.from({ length: rng.int(1, 64) }, () => rng.int(0, 255));
      const cut = rng.int(0, Math.min(256, b.length - at));
      const choice = rng.int(0, 2);
      if (choice === 0) return out(Uint8Array.from([...b.subarray(0, at), ...junk, ...b.subarray(at)]));
      if (choice === 1) return out(Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + cut)]));
      return out(Uint8Array.from([...b.subarray(0, at + cut), ...b.subarray(at)]));
    }
    case 'nested':
      return out(nested(rng, file));
    case 'zipped':
      return out(makeZip([{ name: file.name, data: b }]));
    case 'wrong-kind':
      return out(other.bytes);
    case 'empty':
      return out(new Uint8Array(0));
    case 'bomb': {
      // Once in a while: a file past the size limit (sparse, so it costs no disk or time) or a .docx zip bomb.
      if (rng.next() < 0.5) return out(new Uint8Array(0), { sparseSize: 50 * 1024 * 1024 + rng.int(1, 1 << 20) });
      return out(zipBomb(rng.next() < 0.5), { name: file.name.replace(/\.[^.]+$/, '.docx') });
    }
  }
}
