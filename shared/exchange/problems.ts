// Codes of the problems an import reports (a file's bad line, a span it skipped, a file it cannot
// read): the UI words each from its code and values in the user's language ('problem.<code>'
// strings in the renderer); the English `message` stays for the CLI, logs and older data.

/** Problems of the text pipeline (plain text, HTML, .docx, text records in JSONL/JSON/CSV/TSV: shared/import). */
export const TEXT_PIPELINE_PROBLEM_CODES = [
  'empty_file',
  'binary_file',
  'unsupported_extension',
  'no_text_after_normalization',
  'docx_unreadable',
  'html_no_article',
  'json_no_records',
  'record_not_object',
  'csv_unclosed_quote',
  'csv_column_count',
  'no_records',
  'record_no_text',
  'span_outside_text',
  'span_removed_by_normalization',
] as const;

/** Every code an importer can report; the renderer has a zh and an en text for each (tested). */
export const IMPORT_PROBLEM_CODES = [
  // A line or file of JSON.
  'not_json',
  'not_json_object',
  'no_text',
  // A span read from a file (offsets, label, the text it says it covers).
  'span_no_label',
  'span_offsets_missing',
  'span_offsets_not_integers',
  'span_negative_start',
  'span_empty',
  'span_past_end',
  'span_splits_surrogate',
  'span_mention_mismatch',
  // Biaozhu JSONL's offset map (the original text is then replaced by the text).
  'offset_map_missing',
  'offset_map_malformed',
  'offset_map_gap',
  'offset_map_past_original',
  'offset_map_incomplete',
  // Format-specific.
  'cluener_bad_label',
  'doccano_bad_labels',
  'conll_bad_row',
  'conll_unknown_tag',
  'label_studio_not_task',
  'label_studio_no_text',
  'label_studio_region_no_offsets',
  'label_studio_region_past_end',
  'label_studio_region_mismatch',
  'brat_bad_text_bound',
  'brat_bad_attribute',
  'brat_lines_ignored',
  'brat_bad_offsets',
  'brat_mention_mismatch',
  'brat_discontinuous',
  'brat_unknown_target',
  'brat_no_txt',
  'mentions_csv_unsupported',
  // Entities and relations (#23).
  'entity_unknown',
  'relation_bad',
  'relation_unknown_span',
  'relation_type_unknown',
  'relation_label_pair_not_allowed',
  'csv_not_importable',
  // Annotation timing (#24).
  'timing_malformed',
  // Reading files and folders.
  'file_too_large',
  'file_unreadable',
  'folder_unreadable',
  'not_found',
  'no_text_found',
  ...TEXT_PIPELINE_PROBLEM_CODES,
] as const;

export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];
export type ProblemParams = Record<string, string | number>;

/** A problem's English sentence with its code and values. */
export interface CodedProblem {
  message: string;
  code: ImportProblemCode;
  params?: ProblemParams;
}

export const coded = (code: ImportProblemCode, message: string, params?: ProblemParams): CodedProblem =>
  params ? { message, code, params } : { message, code };

/**
 * What is wrong with a span's UTF-16 offsets into `text` (the checks of spanProblem in
 * shared/text/offsets.ts, coded), or null. `label` names the span in the values.
 */
export function spanOffsetsProblem(text: string, start: unknown, end: unknown, label: string): { code: ImportProblemCode; params: ProblemParams } | null {
  if (start === undefined || end === undefined || start === null || end === null) return { code: 'span_offsets_missing', params: { label } };
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end)) {
    return { code: 'span_offsets_not_integers', params: { label, start: JSON.stringify(start) ?? '', end: JSON.stringify(end) ?? '' } };
  }
  if (start < 0) return { code: 'span_negative_start', params: { label, start, end } };
  if (end <= start) return { code: 'span_empty', params: { label, start, end } };
  if (end > text.length) return { code: 'span_past_end', params: { label, start, end, length: text.length } };
  const splits = (at: number) => at > 0 && at < text.length && /[\udc00-\udfff]/.test(text[at]) && /[\ud800-\udbff]/.test(text[at - 1]);
  if (splits(start)) return { code: 'span_splits_surrogate', params: { label, start, end, offset: start } };
  if (splits(end)) return { code: 'span_splits_surrogate', params: { label, start, end, offset: end } };
  return null;
}
