// Sentences broken across blank lines (newspaper columns, '特色活' / '' / '动。') are rejoined. A
// line qualifies when it reads as body text (long, or with clause punctuation) and does not end a
// sentence; the next line must read as body text too, so headlines and bylines are never glued.
import { MapBuilder } from '../offset-map';
import type { StepResult } from './types';

const ENDS_SENTENCE = /[。！？!?…；;:：”’"」』)）\]】》]$/;
const CLAUSE = /[,，、;；]/;
const LEAD_IN = /^(本报讯|本报记者|记者|新华社|来源|【|\[|——)/;

function isBrokenStart(line: string): boolean {
  return line.length >= 20 && !ENDS_SENTENCE.test(line) && (CLAUSE.test(line) || line.length >= 45);
}

function isContinuation(line: string): boolean {
  if (LEAD_IN.test(line)) return false;
  return line.length >= 20 || /[。！？!?]/.test(line);
}

export function rejoinBrokenLines(text: string): StepResult {
  const b = new MapBuilder(text);
  const re = /\n[ \t]*\n\s*/g;
  let copied = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const prevStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const prev = text.slice(prevStart, m.index).trim();
    const nextStart = m.index + m[0].length;
    let nextEnd = text.indexOf('\n', nextStart);
    if (nextEnd < 0) nextEnd = text.length;
    const next = text.slice(nextStart, nextEnd).trim();
    if (!prev || !next || !isBrokenStart(prev) || !isContinuation(next)) continue;
    b.copy(copied, m.index);
    const latin = /[A-Za-z0-9]$/.test(prev) && /^[A-Za-z0-9]/.test(next);
    // The joint maps to the removed line breaks, so nothing is inserted from nowhere.
    if (latin) b.replace(m.index, nextStart, ' ');
    copied = nextStart;
  }
  b.copy(copied, text.length);
  return b.finish();
}
