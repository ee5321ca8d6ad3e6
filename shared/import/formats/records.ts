// Record formats: JSONL, JSON (an array, an object holding one, or a single record), CSV and TSV.
// Each record becomes a plain object; a record that cannot be read is a problem with its line
// number and the rest of the file still imports.
import { coded, type CodedProblem } from '../../exchange/problems';
export interface RawRecord {
  /** 1-based line where the record starts (JSONL, CSV); undefined for JSON arrays. */
  line?: number;
  /** 1-based position in the file. */
  index: number;
  fields: Record<string, unknown>;
}

/** A record that could not be read: its line, and the coded English sentence (shared/exchange/problems.ts). */
export interface Problem extends CodedProblem {
  line?: number;
}

export interface ParsedRecords {
  records: RawRecord[];
  problems: Problem[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lines or characters between calls of a long parse's checkCancelled (which throws to stop it). */
const CHECK_LINES = 1024;
const CHECK_CHARS = 1 << 16;

export function parseJsonl(text: string, checkCancelled?: () => void): ParsedRecords {
  const records: RawRecord[] = [];
  const problems: Problem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (checkCancelled && i % CHECK_LINES === 0) checkCancelled();
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      problems.push({ line: i + 1, ...coded('not_json', `line ${i + 1} is not valid JSON (${(e as Error).message})`, { detail: (e as Error).message }) });
      return;
    }
    if (!isObject(value)) problems.push({ line: i + 1, ...coded('not_json_object', `line ${i + 1} is not a JSON object`) });
    else records.push({ line: i + 1, index: records.length + 1, fields: value });
  });
  return { records, problems };
}

export function parseJson(text: string): ParsedRecords | { error: CodedProblem } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: coded('not_json', `not valid JSON (${(e as Error).message})`, { detail: (e as Error).message }) };
  }
  let list: unknown[];
  if (Array.isArray(value)) list = value;
  else if (isObject(value)) {
    const inner = Object.values(value).find((v) => Array.isArray(v) && v.some(isObject));
    list = inner ? (inner as unknown[]) : [value];
  } else return { error: coded('json_no_records', 'JSON holds neither records nor a list of records') };
  const records: RawRecord[] = [];
  const problems: Problem[] = [];
  list.forEach((v, i) => {
    if (isObject(v)) records.push({ index: i + 1, fields: v });
    else problems.push(coded('record_not_object', `record ${i + 1} is not a JSON object`, { n: i + 1 }));
  });
  return { records, problems };
}

/** RFC 4180 rows: quoted fields may hold delimiters, line breaks and "" escapes. */
export function parseDelimited(text: string, delimiter: string, checkCancelled?: () => void): ParsedRecords {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    if (checkCancelled && i % CHECK_CHARS === 0) checkCancelled();
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
      fieldStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      fieldStart = true;
      line++;
      rowLine = line;
    } else {
      cell += c;
      fieldStart = false;
    }
  }
  cells.push(cell);
  if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
  const problems: Problem[] = [];
  if (quoted) problems.push({ line: rowLine, ...coded('csv_unclosed_quote', `row at line ${rowLine} has an unclosed quote`) });
  const [header, ...body] = rows;
  if (!header) return { records: [], problems };
  const names = header.cells.map((h) => h.trim());
  const records: RawRecord[] = [];
  for (const row of body) {
    if (row.cells.length !== names.length) {
      problems.push({
        line: row.line,
        ...coded('csv_column_count', `row at line ${row.line} has ${row.cells.length} columns, the header has ${names.length}`, {
          columns: row.cells.length,
          header: names.length,
        }),
      });
      continue;
    }
    const fields: Record<string, unknown> = {};
    names.forEach((n, k) => (fields[n] = row.cells[k]));
    records.push({ line: row.line, index: records.length + 1, fields });
  }
  return { records, problems };
}
