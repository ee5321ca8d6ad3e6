// The label schema file: every label with its names, colour, hotkey, attributes and guideline, so a
// coding scheme travels between projects (labels:export / labels:import; format in docs/formats.md).
import { labelSchemaEntry } from '../api/labels';
import type { Label } from '../model';
import type { z } from 'zod';

export const LABEL_SCHEMA_FORMAT = 'biaozhu-labels';
export const LABEL_SCHEMA_VERSION = 1;

export type LabelSchemaEntry = z.output<typeof labelSchemaEntry>;

/** The file's text: labels in their order, without project-local ids. */
export function labelSchemaJson(labels: readonly Label[]): string {
  const entries = labels.map(({ key, nameZh, nameEn, color, hotkey, attributes, descriptionZh, descriptionEn, examples }) => ({
    key,
    nameZh,
    nameEn,
    color,
    hotkey,
    attributes,
    descriptionZh,
    descriptionEn,
    examples,
  }));
  return `${JSON.stringify({ format: LABEL_SCHEMA_FORMAT, version: LABEL_SCHEMA_VERSION, labels: entries }, null, 2)}\n`;
}

/** Parses a label schema file; throws an Error whose message says what is wrong and where (labels[2].color). */
export function parseLabelSchema(json: string): LabelSchemaEntry[] {
  let file: unknown;
  try {
    file = JSON.parse(json);
  } catch (error) {
    throw new Error(`The label schema file is not JSON: ${(error as Error).message}`);
  }
  const record = typeof file === 'object' && file !== null && !Array.isArray(file) ? (file as Record<string, unknown>) : {};
  if (record.format !== LABEL_SCHEMA_FORMAT) throw new Error(`This is not a label schema file: it needs "format": "${LABEL_SCHEMA_FORMAT}"`);
  if (record.version !== LABEL_SCHEMA_VERSION)
    throw new Error(`Label schema version ${JSON.stringify(record.version)} is not known; this Biaozhu reads version ${LABEL_SCHEMA_VERSION}`);
  if (!Array.isArray(record.labels)) throw new Error('The label schema file has no "labels" list');
  const seen = new Set<string>();
  return record.labels.map((raw, index) => {
    const parsed = labelSchemaEntry.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
      throw new Error(`labels[${index}]${where}: ${issue.message}`);
    }
    if (seen.has(parsed.data.key)) throw new Error(`labels[${index}].key: ${parsed.data.key} is listed twice`);
    seen.add(parsed.data.key);
    return parsed.data;
  });
}
