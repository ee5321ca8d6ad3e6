// Recognises exchange formats from a file's name and opening. Plain-text JSONL (records with a
// text but no spans) is left to the plain import pipeline: detect returns null for it.
import type { ExportFormat } from '../api/export';
import { isRecord, stripBom } from './common';
import { clueNerSpans } from './formats/cluener';
import { doccanoSpans } from './formats/doccano';

const HEAD_CHARS = 256 * 1024;
const SAMPLE_LINES = 200;
const CONLL_ROW = /^(\S+)[\t ]+(?:\S+[\t ]+)*(O|[BIESM][-_]\S+)$/u;
const BRAT_ROW = /^(?:T\S*\t\S+ \d+ \d+(?:;\d+ \d+)*(?:\t.*)?|[AM]\S*\t\S+ T\S+.*|[RENM*]\S*\t.*|#\S*\t.*)$/;

function detectJsonLines(head: string): ExportFormat | null {
  let cluener = false;
  let doccano = false;
  let records = 0;
  for (const line of head.split('\n').slice(0, SAMPLE_LINES)) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue; // the last line of the head may be cut off
    }
    // Biaozhu JSONL's entity table (its last line, #23) has no text.
    if (isRecord(value) && Array.isArray(value.biaozhu_entities)) continue;
    if (!isRecord(value) || typeof value.text !== 'string') return null;
    records++;
    if (Array.isArray(value.offset_map) && Array.isArray(value.spans)) return 'biaozhu-jsonl';
    const clue = clueNerSpans(value);
    if (clue && clue.length > 0) cluener = true;
    const dcc = doccanoSpans(value);
    if (dcc && dcc.length > 0) doccano = true;
  }
  if (records === 0) return null;
  return cluener ? 'cluener' : doccano ? 'doccano-jsonl' : null;
}

function detectConll(text: string, head: string): ExportFormat | null {
  let rows = 0;
  let matching = 0;
  let singleChars = 0;
  for (const raw of head.split('\n').slice(0, SAMPLE_LINES * 5)) {
    const row = raw.replace(/\r$/, '');
    if (row.trim() === '') continue;
    rows++;
    const m = CONLL_ROW.exec(row);
    if (!m) continue;
    matching++;
    if (m[1] === '-DOCSTART-' || [...m[1]].length === 1) singleChars++;
  }
  // Character-level: nearly every row is "character tag".
  if (rows === 0 || matching < rows * 0.95 || singleChars < matching * 0.9) return null;
  return /^\S+[\t ]+[ES][-_]\S+\r?$/m.test(text) ? 'conll-bioes' : 'conll-bio';
}

export function detectExchangeFormat(fileName: string, text: string): ExportFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.ann')) return 'brat';
  if (name.endsWith('.csv') || name.endsWith('.conf')) return null;
  const head = stripBom(text.slice(0, HEAD_CHARS));
  const start = head.trimStart();
  if (start.startsWith('[') || (start.startsWith('{') && !/^\{[^\n]*\}\s*(\n|$)/.test(start))) {
    // One JSON value: Label Studio tasks (an array, or a single task object).
    // Label Studio writes "annotations" before "data", so look through the whole head.
    if (/"data"\s*:\s*\{/.test(head) && (/"annotations"\s*:/.test(head) || /"predictions"\s*:/.test(head) || /"completions"\s*:/.test(head))) {
      return 'label-studio';
    }
    return null;
  }
  if (start.startsWith('{')) return detectJsonLines(head);
  const nonEmpty = head
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, SAMPLE_LINES);
  if (nonEmpty.length > 0 && nonEmpty.every((l) => BRAT_ROW.test(l.replace(/\r$/, ''))) && nonEmpty.some((l) => l.startsWith('T'))) return 'brat';
  return detectConll(stripBom(text), head);
}
