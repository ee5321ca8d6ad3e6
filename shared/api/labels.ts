import { z } from 'zod';
import { COMMAND_KEYS, isCommandKey } from '../hotkeys';
import { ATTRIBUTE_TYPES, type Label } from '../model';

const id = z.number().int().positive();

export const attributeDefinition = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'attribute keys are lower-case ascii, e.g. role'),
    nameZh: z.string().trim().min(1).max(40),
    nameEn: z.string().trim().min(1).max(40),
    type: z.enum(ATTRIBUTE_TYPES),
    options: z.array(z.string().min(1).max(100)).max(100).optional(),
  })
  .strict();

const labelFields = {
  key: z.string().regex(/^[A-Z][A-Z0-9_]{0,31}$/, 'label keys are upper-case ascii, e.g. PERSON'),
  nameZh: z.string().trim().min(1).max(20),
  nameEn: z.string().trim().min(1).max(40),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colours are #rrggbb'),
  hotkey: z
    .string()
    .regex(/^[0-9a-z]$/, 'a hotkey is one digit or lower-case letter')
    .superRefine((key, ctx) => {
      if (isCommandKey(key)) ctx.addIssue({ code: 'custom', message: `“${key}” is the key for ${COMMAND_KEYS[key].en}; choose another hotkey` });
    })
    .nullable(),
  attributes: z.array(attributeDefinition).max(30),
  descriptionZh: z.string().max(5000),
  descriptionEn: z.string().max(5000),
  examples: z.array(z.string().trim().min(1, 'an example is a mention, not empty').max(200)).max(50),
};

/** A label as the label schema file (labels:export / labels:import) carries it. */
export const labelSchemaEntry = z
  .object({
    ...labelFields,
    hotkey: labelFields.hotkey.optional(),
    attributes: labelFields.attributes.optional(),
    descriptionZh: labelFields.descriptionZh.optional(),
    descriptionEn: labelFields.descriptionEn.optional(),
    examples: labelFields.examples.optional(),
  })
  .strict();

export interface LabelSchemaImport {
  /** Keys of the labels created and of those whose fields changed, in file order. */
  created: string[];
  updated: string[];
  /** Things taken differently from the file, one sentence each (a hotkey another label holds). */
  problems: string[];
}

export const labelsInputs = {
  'labels:list': z.object({}).strict(),
  // A new label takes what a label schema file holds for one label.
  'labels:create': labelSchemaEntry,
  'labels:update': z
    .object({ id, ...labelFields })
    .partial()
    .required({ id: true })
    .strict(),
  'labels:delete': z.object({ id }).strict(),
  /** Every label exactly once, in the new order (the handler checks that none is missing or unknown). */
  'labels:reorder': z
    .object({
      ids: z
        .array(id)
        .min(1)
        .max(10_000)
        .superRefine((ids, ctx) => {
          const repeated = [...new Set(ids.filter((value, at) => ids.indexOf(value) !== at))];
          if (repeated.length > 0) ctx.addIssue({ code: 'custom', message: `label ids listed more than once: ${repeated.join(', ')}` });
        }),
    })
    .strict(),
  /** The label schema as a JSON file's text (format in docs/formats.md). */
  'labels:export': z.object({}).strict(),
  /** Labels of a label schema file: new keys are created, existing keys take the file's fields. */
  'labels:import': z.object({ json: z.string().max(10_000_000) }).strict(),
};

type In<K extends keyof typeof labelsInputs> = z.input<(typeof labelsInputs)[K]>;

export type LabelsApi = {
  'labels:list': (a: In<'labels:list'>) => Promise<Label[]>;
  'labels:create': (a: In<'labels:create'>) => Promise<Label>;
  'labels:update': (a: In<'labels:update'>) => Promise<Label>;
  'labels:delete': (a: In<'labels:delete'>) => Promise<{ id: number }>;
  'labels:reorder': (a: In<'labels:reorder'>) => Promise<Label[]>;
  'labels:export': (a: In<'labels:export'>) => Promise<{ json: string }>;
  'labels:import': (a: In<'labels:import'>) => Promise<LabelSchemaImport>;
};
