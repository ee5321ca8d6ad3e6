// Label schema: the four defaults, user-defined labels, colours, hotkeys and attribute definitions.
import type { AttributeDefinition, Label } from '../../../shared/model';
import type { Db } from './connection';
import { nowIso, statement } from './connection';
import { DEFAULT_GUIDELINES } from './default-guidelines';

interface LabelRow {
  id: number;
  key: string;
  name_zh: string;
  name_en: string;
  color: string;
  hotkey: string | null;
  sort_order: number;
  attributes_json: string;
  /** Absent in a project older than migration 007 opened read-only (it cannot be migrated). */
  description_zh?: string;
  description_en?: string;
  examples_json?: string;
}

const toLabel = (row: LabelRow): Label => ({
  id: row.id,
  key: row.key,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  color: row.color,
  hotkey: row.hotkey,
  order: row.sort_order,
  attributes: JSON.parse(row.attributes_json) as AttributeDefinition[],
  descriptionZh: row.description_zh ?? '',
  descriptionEn: row.description_en ?? '',
  examples: row.examples_json ? (JSON.parse(row.examples_json) as string[]) : [],
});

export const DEFAULT_LABELS: Omit<Label, 'id' | 'order'>[] = [
  {
    key: 'PERSON',
    nameZh: '人物',
    nameEn: 'Person',
    color: '#d9480f',
    hotkey: '1',
    ...DEFAULT_GUIDELINES.PERSON,
    attributes: [{ key: 'role', nameZh: '职务', nameEn: 'Role', type: 'text' }],
  },
  { key: 'SLOGAN', nameZh: '口号', nameEn: 'Slogan', color: '#7048e8', hotkey: '2', ...DEFAULT_GUIDELINES.SLOGAN, attributes: [] },
  {
    key: 'PROJECT',
    nameZh: '项目',
    nameEn: 'Project',
    color: '#1c7ed6',
    hotkey: '3',
    ...DEFAULT_GUIDELINES.PROJECT,
    attributes: [{ key: 'district', nameZh: '所在区', nameEn: 'District', type: 'text' }],
  },
  {
    key: 'TARGET',
    nameZh: '目标',
    nameEn: 'Target',
    color: '#2b8a3e',
    hotkey: '4',
    ...DEFAULT_GUIDELINES.TARGET,
    attributes: [
      { key: 'value', nameZh: '数值', nameEn: 'Value', type: 'number' },
      { key: 'unit', nameZh: '单位', nameEn: 'Unit', type: 'text' },
      { key: 'deadline', nameZh: '期限', nameEn: 'Deadline', type: 'date' },
    ],
  },
];

export function listLabels(db: Db): Label[] {
  return (statement(db, 'SELECT * FROM labels ORDER BY sort_order, id').all() as LabelRow[]).map(toLabel);
}

export function getLabel(db: Db, id: number): Label | null {
  const row = statement(db, 'SELECT * FROM labels WHERE id = ?').get(id) as LabelRow | undefined;
  return row ? toLabel(row) : null;
}

export function getLabelByKey(db: Db, key: string): Label | null {
  const row = statement(db, 'SELECT * FROM labels WHERE key = ?').get(key) as LabelRow | undefined;
  return row ? toLabel(row) : null;
}

export interface LabelFields {
  key: string;
  nameZh: string;
  nameEn: string;
  color: string;
  hotkey: string | null;
  attributes: AttributeDefinition[];
  descriptionZh?: string;
  descriptionEn?: string;
  examples?: string[];
}

export function insertLabel(db: Db, fields: LabelFields): Label {
  const now = nowIso();
  const order = (statement(db, 'SELECT COALESCE(MAX(sort_order), -1) + 1 AS next FROM labels').get() as { next: number }).next;
  const id = statement(
    db,
    `INSERT INTO labels (key, name_zh, name_en, color, hotkey, sort_order, attributes_json,
       description_zh, description_en, examples_json, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    fields.key,
    fields.nameZh,
    fields.nameEn,
    fields.color,
    fields.hotkey,
    order,
    JSON.stringify(fields.attributes),
    fields.descriptionZh ?? '',
    fields.descriptionEn ?? '',
    JSON.stringify(fields.examples ?? []),
    now,
    now,
  ).lastInsertRowid;
  return getLabel(db, Number(id))!;
}

export function updateLabel(db: Db, id: number, fields: Partial<LabelFields>): Label | null {
  const current = getLabel(db, id);
  if (!current) return null;
  const next = { ...current, ...fields };
  statement(
    db,
    `UPDATE labels SET key = ?, name_zh = ?, name_en = ?, color = ?, hotkey = ?, attributes_json = ?,
       description_zh = ?, description_en = ?, examples_json = ?, updated_at = ? WHERE id = ?`,
  ).run(
    next.key,
    next.nameZh,
    next.nameEn,
    next.color,
    next.hotkey,
    JSON.stringify(next.attributes),
    next.descriptionZh,
    next.descriptionEn,
    JSON.stringify(next.examples),
    nowIso(),
    id,
  );
  return getLabel(db, id);
}

export function deleteLabel(db: Db, id: number): boolean {
  return statement(db, 'DELETE FROM labels WHERE id = ?').run(id).changes > 0;
}

export function labelUsage(db: Db, id: number): number {
  return (statement(db, 'SELECT COUNT(*) AS n FROM annotations WHERE label_id = ?').get(id) as { n: number }).n;
}

export function setLabelOrder(db: Db, ids: number[]): void {
  const update = statement(db, 'UPDATE labels SET sort_order = ? WHERE id = ?');
  ids.forEach((id, index) => update.run(index, id));
}

export function seedDefaultLabels(db: Db): void {
  const existing = statement(db, 'SELECT COUNT(*) AS n FROM labels').get() as { n: number };
  if (existing.n > 0) return;
  for (const label of DEFAULT_LABELS) insertLabel(db, label);
}
