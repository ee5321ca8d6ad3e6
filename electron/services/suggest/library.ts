// The user's suggestion library (#22): imported gazetteers and editable patterns.
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Gazetteer, GazetteerImport, Pattern, PatternTest } from '../../../shared/api/suggestions';
import { ApiFailure } from '../../../shared/api/result';
import type { Label } from '../../../shared/model';
import { parseGazetteerBytes } from '../../../shared/suggest/gazetteer';
import { compilePattern } from '../../../shared/suggest/patterns';
import type { Db } from '../db/connection';
import { getDocumentText } from '../db/documents';
import * as gazetteers from '../db/gazetteers';
import { listLabels } from '../db/labels';
import * as patterns from '../db/patterns';
import { timedOutPatterns } from './service';
import { timedPatternHits, timeLimitMessage } from './timed-patterns';

/** Larger files are refused: a gazetteer is a list of names, not a corpus. */
export const LARGEST_GAZETTEER_BYTES = 50 * 1024 * 1024;

/** A label column's text (key, Chinese or English name, any case) → the label's key. */
function labelResolver(labels: readonly Label[]): (text: string) => string | null {
  const byText = new Map<string, string>();
  for (const l of labels) for (const t of [l.key, l.nameZh, l.nameEn]) byText.set(t.trim().toLowerCase(), l.key);
  return (text) => byText.get(text.trim().toLowerCase()) ?? null;
}

export async function importGazetteer(db: Db, input: { path: string; name?: string; labelKey?: string }): Promise<GazetteerImport> {
  const format = /^\.(csv|tsv)$/i.test(extname(input.path)) ? 'csv' : 'txt';
  const labels = listLabels(db);
  const resolveLabel = labelResolver(labels);
  if (format === 'txt' && !input.labelKey)
    throw new ApiFailure('invalid_input', `${input.path}: a TXT gazetteer needs a label (labelKey): its lines are bare terms`);
  if (input.labelKey && resolveLabel(input.labelKey) === null)
    throw new ApiFailure('invalid_input', `labelKey: no label is called ${input.labelKey} (labels: ${labels.map((l) => l.key).join(', ')})`);
  let bytes: Uint8Array;
  try {
    const size = (await stat(input.path)).size;
    if (size > LARGEST_GAZETTEER_BYTES)
      throw new ApiFailure('too_large', `${input.path} is ${size} bytes; a gazetteer may have up to ${LARGEST_GAZETTEER_BYTES}`);
    bytes = await readFile(input.path);
  } catch (error) {
    if (error instanceof ApiFailure) throw error;
    throw new ApiFailure('io', `Could not read ${input.path}: ${(error as Error).message}`);
  }
  const parsed = parseGazetteerBytes(bytes, { format, labelKey: input.labelKey, resolveLabel });
  if ('error' in parsed) throw new ApiFailure('invalid_input', `${input.path} is not a text file: ${parsed.error}`);
  if (parsed.terms.length === 0) {
    const why = parsed.skipped.map((s) => `${s.count} × ${s.reason}`).join(', ') || 'the file is empty';
    throw new ApiFailure('invalid_input', `${input.path} has no term to import (${why}); nothing was written`);
  }
  const name = input.name ?? basename(input.path, extname(input.path));
  const id = db.transaction(() => gazetteers.insertGazetteer(db, name, parsed.encoding, parsed.terms))();
  return { ...gazetteers.getGazetteer(db, id)!, skipped: parsed.skipped, encoding: parsed.encoding };
}

function requireGazetteer(db: Db, id: number): Gazetteer {
  const found = gazetteers.getGazetteer(db, id);
  if (!found) throw new ApiFailure('not_found', `Gazetteer ${id} does not exist`);
  return found;
}

export function updateGazetteer(db: Db, input: { id: number; enabled?: boolean; name?: string }): Gazetteer {
  requireGazetteer(db, input.id);
  gazetteers.updateGazetteer(db, input.id, input);
  return requireGazetteer(db, input.id);
}

export function deleteGazetteer(db: Db, id: number): { id: number } {
  if (!gazetteers.deleteGazetteer(db, id)) throw new ApiFailure('not_found', `Gazetteer ${id} does not exist`);
  return { id };
}

/** Refuses a regex that does not compile or a label key the project has not, naming which. */
function checkPattern(db: Db, fields: { regex: string; labelKey: string }): void {
  const compiled = compilePattern(fields.regex);
  if (!compiled.ok) throw new ApiFailure('invalid_input', `regex: ${compiled.error}`);
  const keys = listLabels(db).map((l) => l.key);
  if (!keys.includes(fields.labelKey)) throw new ApiFailure('invalid_input', `labelKey: no label is called ${fields.labelKey} (labels: ${keys.join(', ')})`);
}

function requirePattern(db: Db, id: number): Pattern {
  const found = patterns.getPattern(db, id);
  if (!found) throw new ApiFailure('not_found', `Pattern ${id} does not exist`);
  return found;
}

export function createPattern(db: Db, input: { regex: string; labelKey: string; name: string; enabled?: boolean }): Pattern {
  checkPattern(db, input);
  return requirePattern(db, patterns.insertPattern(db, { ...input, enabled: input.enabled ?? true }));
}

export function updatePattern(db: Db, id: number, changes: Partial<patterns.PatternFields>): Pattern {
  const before = requirePattern(db, id);
  const after = {
    name: changes.name ?? before.name,
    regex: changes.regex ?? before.regex,
    labelKey: changes.labelKey ?? before.labelKey,
    enabled: changes.enabled ?? before.enabled,
  };
  if (changes.regex !== undefined || changes.labelKey !== undefined) checkPattern(db, after);
  patterns.updatePattern(db, id, after);
  return requirePattern(db, id);
}

/** Shipped patterns are disabled, not deleted: a project keeps the set the app ships. */
export function deletePattern(db: Db, id: number): { id: number } {
  if (requirePattern(db, id).builtIn) throw new ApiFailure('conflict', `Pattern ${id} ships with Biaozhu; disable it instead of deleting it`);
  patterns.deletePattern(db, id);
  return { id };
}

/** Tries a regex on a document: its hits, or its problem (never thrown) — running past the time limit is one. */
export function testPattern(db: Db, input: { regex: string; documentId: number }): PatternTest {
  const text = getDocumentText(db, input.documentId);
  if (text === null) throw new ApiFailure('not_found', `Document ${input.documentId} does not exist`);
  const compiled = compilePattern(input.regex);
  if (!compiled.ok) return { hits: [], error: compiled.error };
  const hits = timedPatternHits(compiled.regex, text);
  if (hits === null) return { hits: [], error: timeLimitMessage('', compiled.regex) };
  return { hits: hits.map((h) => ({ ...h, text: text.slice(h.start, h.end) })), error: null };
}

/** The patterns; asked about a document, those that ran out of their time there say so (timedOut). */
export function listPatterns(db: Db, input: { documentId?: number } = {}): Pattern[] {
  const list = patterns.listPatterns(db);
  if (input.documentId === undefined) return list;
  const timedOut = new Map(timedOutPatterns(db, input.documentId).map((p) => [p.id, p.message]));
  return list.map((p) => (timedOut.has(p.id) ? { ...p, timedOut: timedOut.get(p.id)! } : p));
}

export { listGazetteers } from '../db/gazetteers';
