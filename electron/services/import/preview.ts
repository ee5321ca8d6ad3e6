// Worker-side: reads each file, detects labeled exchange formats (JSONL with spans, CoNLL, brat),
// otherwise runs the dirty-Chinese pipeline, and marks drafts already in the project.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { DocumentDraft, FilePreview, ImportOptions } from '../../../shared/api/import';
import { detectExchangeFormat, parseExchange } from '../../../shared/exchange/index';
import { coded, type CodedProblem } from '../../../shared/exchange/problems';
import { decodeBytes } from '../../../shared/import/encoding';
import { MAX_IMPORT_BYTES, processFile } from '../../../shared/import/pipeline';
import type { Db } from '../db/connection';
import { findDocumentByTextHash } from '../db/documents';
import { openablePath, type ImportInput } from './sources';

export interface PreparedFile {
  fileName: string;
  /** Index into the inputs the preview was made from, to re-read the file later. */
  sourceIndex: number;
  rawSha256: string | null;
  encoding: string | null;
  drafts: DocumentDraft[];
  textHashes: string[];
  duplicates: boolean[];
}

export interface PreviewOutcome {
  preview: FilePreview;
  prepared: PreparedFile;
}

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** A file the preview cannot read at all, with the problem's code for the UI. */
class UnreadableFile extends Error {
  constructor(readonly problem: CodedProblem) {
    super(problem.message);
  }
}

function readInput(input: ImportInput): Uint8Array {
  if (input.kind === 'bytes') return Buffer.from(input.dataBase64, 'base64');
  const path = openablePath(input);
  const size = statSync(path).size;
  if (size > MAX_IMPORT_BYTES) {
    const params = { size: (size / 1048576).toFixed(1), limit: MAX_IMPORT_BYTES / 1048576 };
    throw new UnreadableFile(coded('file_too_large', `file is ${params.size} MB; the limit is ${params.limit} MB`, params));
  }
  return readFileSync(path);
}

/** FilePreview's error fields for a problem that stops the whole file. */
const fileError = (p: CodedProblem) => ({ error: p.message, errorCode: p.code, ...(p.params ? { errorParams: p.params } : {}) });

const EXCHANGE_EXTENSIONS = new Set(['.jsonl', '.ndjson', '.json', '.conll', '.bio', '.bioes', '.bmes', '.ann']);

/**
 * brat keeps text and standoff in two files; `companion` holds the .txt read for an .ann. A file
 * cut short or slightly damaged is still read as UTF-8 (with U+FFFD and a warning on its drafts),
 * so a truncated labelled file keeps its format instead of becoming plain text.
 */
function parseAsExchange(input: ImportInput, bytes: Uint8Array, companion: { name: string; text: string } | null) {
  const extension = extname(input.fileName).toLowerCase();
  if (!EXCHANGE_EXTENSIONS.has(extension)) return null;
  const decoded = decodeBytes(bytes);
  if ('error' in decoded || decoded.encoding !== 'utf-8') return null;
  const format = detectExchangeFormat(basename(input.fileName), decoded.text);
  if (!format) return null;
  const files = [{ name: basename(input.fileName), text: decoded.text }];
  if (companion) files.push(companion);
  const parsed = parseExchange(format, files);
  for (const draft of parsed.drafts) draft.warnings.push(...decoded.warnings);
  return { format, ...parsed };
}

export class Previewer {
  private readonly seenHashes = new Set<string>();

  constructor(
    private readonly db: Db | null,
    private readonly options: ImportOptions,
    /** Throws when the user cancelled; called inside a file too, so one huge file stops promptly. */
    private readonly checkCancelled: () => void = () => {},
  ) {}

  preview(input: ImportInput, index: number, companion: { name: string; text: string } | null, sourceIndex = index): PreviewOutcome {
    const base: FilePreview = {
      index,
      fileName: input.fileName,
      format: extname(input.fileName).slice(1).toLowerCase() || 'txt',
      encoding: null,
      encodingConfidence: null,
      byteLength: 0,
      documents: [],
      error: null,
      problems: [],
    };
    const prepared: PreparedFile = { fileName: input.fileName, sourceIndex, rawSha256: null, encoding: null, drafts: [], textHashes: [], duplicates: [] };
    let bytes: Uint8Array;
    try {
      bytes = readInput(input);
    } catch (error) {
      const detail = (error as Error).message;
      const problem = error instanceof UnreadableFile ? error.problem : coded('file_unreadable', detail, { detail });
      return { preview: { ...base, ...fileError(problem) }, prepared };
    }
    base.byteLength = bytes.length;
    prepared.rawSha256 = sha256(bytes);
    const exchange = parseAsExchange(input, bytes, companion);
    if (exchange) {
      base.format = exchange.format;
      base.encoding = prepared.encoding = 'utf-8';
      base.encodingConfidence = 1;
      base.problems = exchange.problems.map(({ file: _file, ...problem }) => problem);
      prepared.drafts = exchange.drafts;
    } else {
      const outcome = processFile({ fileName: basename(input.fileName), bytes }, this.options, { checkCancelled: this.checkCancelled });
      Object.assign(base, {
        format: outcome.format,
        encoding: outcome.encoding,
        encodingConfidence: outcome.encodingConfidence,
        error: outcome.error,
        problems: outcome.problems,
        ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}),
        ...(outcome.errorParams ? { errorParams: outcome.errorParams } : {}),
      });
      prepared.encoding = outcome.encoding;
      prepared.drafts = outcome.error ? [] : outcome.drafts;
      if (!outcome.error && outcome.drafts.length === 0) Object.assign(base, fileError(coded('no_text_found', 'no text found in this file')));
    }
    for (const [n, draft] of prepared.drafts.entries()) {
      if (n % 256 === 0) this.checkCancelled();
      if (input.kind === 'path' && input.nameWarning) draft.warnings.push({ kind: 'other', message: input.nameWarning });
      const hash = sha256(draft.text);
      const duplicate = this.seenHashes.has(hash) || (this.db !== null && findDocumentByTextHash(this.db, hash) !== null);
      this.seenHashes.add(hash);
      prepared.textHashes.push(hash);
      prepared.duplicates.push(duplicate);
      base.documents.push({
        title: draft.metadata.title,
        date: draft.metadata.date,
        source: draft.metadata.source,
        charCount: draft.text.length,
        warnings: draft.warnings,
        duplicate,
        spanCount: draft.spans.length,
      });
    }
    return { preview: base, prepared };
  }
}
