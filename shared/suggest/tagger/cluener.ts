// CLUENER 2020 lines as training examples: {"text", "label": {type: {mention: [[start, end], …]}}}
// with offsets in characters (code points) and end inclusive; ours are UTF-16 and end exclusive.
import { codePoints } from './chars';
import type { TaggerExample } from './types';

export function cluenerExample(line: string, lineNumber = 1): TaggerExample {
  let record: { text?: unknown; label?: Record<string, Record<string, [number, number][]>> };
  try {
    record = JSON.parse(line);
  } catch {
    throw new Error(`CLUENER line ${lineNumber} is not JSON.`);
  }
  if (typeof record?.text !== 'string') throw new Error(`CLUENER line ${lineNumber} has no text.`);
  const text = record.text;
  const { offsets } = codePoints(text);
  const n = offsets.length - 1;
  const spans = [];
  for (const [label, mentions] of Object.entries(record.label ?? {})) {
    for (const ranges of Object.values(mentions ?? {})) {
      for (const [start, end] of ranges) {
        if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end >= n) {
          throw new Error(`CLUENER line ${lineNumber}: ${label} span [${start}, ${end}] is outside its ${n} characters.`);
        }
        spans.push({ start: offsets[start], end: offsets[end + 1], label });
      }
    }
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, spans };
}
