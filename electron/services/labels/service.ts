// Labels: what the labels:* channels do, the rules included (keys and hotkeys unique, a label in
// use is not deleted, a reorder lists every label once, a schema file merges by key). SQL stays in
// db/labels.ts.
import type { ApiOutput } from '../../../shared/api/index';
import type { LabelSchemaImport } from '../../../shared/api/labels';
import { ApiFailure } from '../../../shared/api/result';
import { labelSchemaJson, parseLabelSchema, type LabelSchemaEntry } from '../../../shared/exchange/label-schema';
import type { HandlerInput } from '../app/registry';
import type { Db } from '../db/connection';
import * as labels from '../db/labels';
import { forgetHistoryOfLabel } from '../db/operations';

export const listLabels = (db: Db): ApiOutput<'labels:list'> => labels.listLabels(db);

export function createLabel(db: Db, input: HandlerInput<'labels:create'>): ApiOutput<'labels:create'> {
  requireUnique(db, input.key, input.hotkey);
  return labels.insertLabel(db, { ...input, hotkey: input.hotkey ?? null, attributes: input.attributes ?? [] });
}

export function updateLabel(db: Db, { id, ...fields }: HandlerInput<'labels:update'>): ApiOutput<'labels:update'> {
  requireUnique(db, fields.key, fields.hotkey, id);
  const updated = labels.updateLabel(db, id, fields);
  if (!updated) throw new ApiFailure('not_found', `Label ${id} does not exist`);
  return updated;
}

/** Deletes an unused label, and the undo history that could bring its spans back. */
export function deleteLabel(db: Db, id: number): ApiOutput<'labels:delete'> {
  const used = labels.labelUsage(db, id);
  if (used > 0) throw new ApiFailure('conflict', `This label is used by ${used} spans; relabel or delete them first`, { used });
  return db.transaction(() => {
    forgetHistoryOfLabel(db, id);
    if (!labels.deleteLabel(db, id)) throw new ApiFailure('not_found', `Label ${id} does not exist`);
    return { id };
  })();
}

export const exportLabelSchema = (db: Db): ApiOutput<'labels:export'> => ({ json: labelSchemaJson(labels.listLabels(db)) });

/** Reads a label schema file (a clear invalid_input when it is not one) and merges it by key. */
export function importLabelSchema(db: Db, json: string): ApiOutput<'labels:import'> {
  let entries: LabelSchemaEntry[];
  try {
    entries = parseLabelSchema(json);
  } catch (error) {
    throw new ApiFailure('invalid_input', (error as Error).message);
  }
  return mergeLabelSchema(db, entries);
}

export function reorderLabels(db: Db, ids: number[]): ApiOutput<'labels:reorder'> {
  const known = labels.listLabels(db).map((l) => l.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new ApiFailure('invalid_input', `Reorder lists every label exactly once; there is no label ${unknown.join(', ')}`, { unknown });
  const missing = known.filter((id) => !ids.includes(id));
  // Repeats are refused by the input schema; checked again so the order written is always a permutation.
  if (missing.length > 0 || ids.length !== known.length) {
    throw new ApiFailure('invalid_input', `Reorder lists every label exactly once; missing: ${missing.join(', ') || 'none'}`, { missing });
  }
  db.transaction(() => labels.setLabelOrder(db, ids))();
  return labels.listLabels(db);
}

function requireUnique(db: Db, key: string | undefined, hotkey: string | null | undefined, exceptId?: number): void {
  for (const label of labels.listLabels(db)) {
    if (label.id === exceptId) continue;
    if (key !== undefined && label.key === key) throw new ApiFailure('conflict', `A label with key ${key} already exists`);
    if (hotkey && label.hotkey === hotkey) throw new ApiFailure('conflict', `Hotkey ${hotkey} is already used by ${label.nameZh} (${label.key})`);
  }
}

/** Creates the file's new labels and gives existing keys the file's fields, in one transaction. */
function mergeLabelSchema(db: Db, entries: LabelSchemaEntry[]): LabelSchemaImport {
  const result: LabelSchemaImport = { created: [], updated: [], problems: [] };
  db.transaction(() => {
    for (const entry of entries) {
      const existing = labels.getLabelByKey(db, entry.key);
      let hotkey = entry.hotkey === undefined ? (existing?.hotkey ?? null) : entry.hotkey;
      const holder = hotkey ? labels.listLabels(db).find((l) => l.hotkey === hotkey && l.key !== entry.key) : undefined;
      if (holder) {
        result.problems.push(
          `${entry.key}: hotkey ${hotkey} belongs to ${holder.nameZh} (${holder.key}) here, so ${entry.key} ${existing ? 'keeps its own' : 'gets none'}`,
        );
        hotkey = existing?.hotkey ?? null;
      }
      const fields = { ...entry, hotkey, attributes: entry.attributes ?? existing?.attributes ?? [] };
      if (!existing) {
        labels.insertLabel(db, fields);
        result.created.push(entry.key);
        continue;
      }
      const comparable = (l: object) => JSON.stringify(labelSchemaJson([{ ...existing, ...l }]));
      if (comparable(fields) !== comparable({})) {
        labels.updateLabel(db, existing.id, fields);
        result.updated.push(entry.key);
      }
    }
  })();
  return result;
}
