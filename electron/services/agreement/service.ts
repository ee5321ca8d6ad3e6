// agreement:compute — resolves coder names and label keys, reads the spans, computes the measures.
import { AgreementInputError, computeAgreement } from '../../../shared/agreement';
import type { AgreementReport } from '../../../shared/api/agreement';
import { GOLD_ANNOTATOR } from '../../../shared/api/adjudication';
import { ApiFailure } from '../../../shared/api/result';
import type { HandlerInput } from '../app/registry';
import { annotatorIdsByName, annotatorsWithSpans, readAgreementRows } from '../db/agreement';
import type { Db } from '../db/connection';
import { annotatorIdByName, type DocumentFilter } from '../db/document-filters';
import { getLabelByKey, listLabels } from '../db/labels';

type Input = HandlerInput<'agreement:compute'>;

function chooseCoders(db: Db, names: string[] | undefined): { ids: number[]; names: string[] } {
  if (!names) {
    // The adjudicated gold layer is a result, not a coder: compared only when named.
    const coders = annotatorsWithSpans(db).filter((c) => c.name !== GOLD_ANNOTATOR);
    if (coders.length < 2) {
      const who = coders.length === 0 ? 'nobody has' : `only ${coders[0].name} has`;
      throw new ApiFailure('invalid_input', `Agreement needs spans by at least two coders; in this project ${who} spans.`);
    }
    if (coders.length > 12) throw new ApiFailure('invalid_input', `This project has ${coders.length} coders; choose at most 12 to compare.`);
    return { ids: coders.map((c) => c.id), names: coders.map((c) => c.name) };
  }
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new ApiFailure('invalid_input', `Coder ${n} is named twice.`);
    seen.add(n);
  }
  const known = annotatorIdsByName(db);
  const missing = names.filter((n) => !known.has(n));
  if (missing.length > 0) {
    const all = [...known.keys()].sort();
    throw new ApiFailure('not_found', `No coder named ${missing.join(', ')} in this project (coders: ${all.join(', ') || 'none'}).`);
  }
  return { ids: names.map((n) => known.get(n)!), names };
}

function chooseLabels(db: Db, keys: string[] | undefined): { ids: number[]; keys: string[] } {
  const all = listLabels(db);
  if (!keys) return { ids: all.map((l) => l.id), keys: all.map((l) => l.key) };
  const missing = keys.filter((k) => !getLabelByKey(db, k));
  if (missing.length > 0) throw new ApiFailure('not_found', `No label ${missing.join(', ')} in this project (labels: ${all.map((l) => l.key).join(', ')}).`);
  // The project's order, which decides a character's category where spans of one coder overlap.
  const chosen = all.filter((l) => keys.includes(l.key));
  return { ids: chosen.map((l) => l.id), keys: chosen.map((l) => l.key) };
}

function resolveFilter(db: Db, filter: Input['documents']['filter']): DocumentFilter | undefined {
  if (!filter) return undefined;
  const { withLabel, withoutLabel, annotator, ...rest } = filter;
  const labelId = (key: string | undefined) => (key === undefined ? undefined : (getLabelByKey(db, key)?.id ?? null));
  return {
    ...rest,
    withLabelId: labelId(withLabel),
    withoutLabelId: labelId(withoutLabel),
    annotatorId: annotator === undefined ? undefined : annotatorIdByName(db, annotator),
  };
}

export function computeProjectAgreement(db: Db, input: Input): AgreementReport {
  const started = performance.now();
  const coders = chooseCoders(db, input.annotators);
  const labels = chooseLabels(db, input.labels);
  const rows = readAgreementRows(db, {
    annotatorIds: coders.ids,
    labelIds: labels.ids,
    documentIds: input.documents.ids,
    filter: resolveFilter(db, input.documents.filter),
  });
  const read = performance.now();
  try {
    const result = computeAgreement({
      coders: coders.names,
      labels: labels.keys,
      documents: rows.documents,
      spans: rows.spans,
      disagreementDocuments: input.disagreementDocuments,
      segmentsPerDocument: input.segmentsPerDocument,
    });
    const done = performance.now();
    return {
      ...result,
      perDocument: input.perDocument ? result.perDocument : [],
      notShared: rows.notShared,
      millis: { read: Math.round(read - started), compute: Math.round(done - read) },
    };
  } catch (error) {
    if (error instanceof AgreementInputError) throw new ApiFailure('invalid_input', error.message);
    throw error;
  }
}
