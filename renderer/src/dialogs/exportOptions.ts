// The export dialog's choices as one value, and the request they make: kept apart from the form so each reads as one step.
import { defaultReviewFilter, defaultStatuses, type ExportFormat, type ReviewFilter } from '../../../shared/api/export';
import type { DocumentStatus } from '../../../shared/model';

export type SplitRatios = { train: number; dev: number; test: number; seed: number };

export interface ExportOptions {
  format: ExportFormat;
  /** The labels the user unticked: labels that arrive after the dialog opened (still loading, or added meanwhile) are exported like the others unless unticked too. */
  leftOutLabels: Set<string>;
  /** Null follows the format's default (to-do documents left out, but for Biaozhu JSONL) until the user picks. */
  pickedStatuses: Set<DocumentStatus> | null;
  sources: string;
  dateFrom: string;
  dateTo: string;
  annotator: string;
  offsets: 'normalized' | 'source';
  /** Null follows the format's default (rejected spans out of training data) until the user picks one. */
  review: ReviewFilter | null;
  split: boolean;
  ratios: SplitRatios;
  outPath: string;
}

export type SetExportOptions = (patch: Partial<ExportOptions>) => void;

export const initialExportOptions = (): ExportOptions => ({
  format: 'biaozhu-jsonl',
  leftOutLabels: new Set(),
  pickedStatuses: null,
  sources: '',
  dateFrom: '',
  dateTo: '',
  annotator: '',
  offsets: 'normalized',
  review: null,
  split: false,
  ratios: { train: 0.8, dev: 0.1, test: 0.1, seed: 42 },
  outPath: '',
});

export const exportedLabelKeys = (options: ExportOptions, allKeys: string[]) => new Set(allKeys.filter((key) => !options.leftOutLabels.has(key)));
export const exportedStatuses = (options: ExportOptions) => options.pickedStatuses ?? new Set(defaultStatuses(options.format));
export const effectiveReview = (options: ExportOptions) => options.review ?? defaultReviewFilter(options.format);

export function toggled<T>(set: Set<T>, value: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

/** The export:start input for these choices; only what differs from "everything" is sent. */
export function exportRequest(options: ExportOptions, allKeys: string[], overwrite: boolean) {
  const { format, offsets, dateFrom, dateTo, split, ratios } = options;
  const labelKeys = exportedLabelKeys(options, allKeys);
  const sourceList = options.sources
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const annotator = options.annotator.trim();
  const outPath = options.outPath.trim();
  return {
    format,
    offsets,
    review: effectiveReview(options),
    ...(labelKeys.size < allKeys.length ? { labelKeys: [...labelKeys] } : {}),
    statuses: [...exportedStatuses(options)],
    ...(sourceList.length ? { sources: sourceList } : {}),
    ...(dateFrom ? { dateFrom } : {}),
    ...(dateTo ? { dateTo } : {}),
    ...(annotator ? { annotator } : {}),
    ...(outPath ? { outPath } : {}),
    ...(split ? { split: { seed: ratios.seed, train: ratios.train, dev: ratios.dev, test: ratios.test } } : {}),
    ...(overwrite ? { overwrite: true } : {}),
  };
}
