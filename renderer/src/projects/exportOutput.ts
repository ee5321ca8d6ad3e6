// What an export writes, for the output field's hint, without loading the exporters into the renderer.
// tests/unit/core/export-output-kind.test.ts checks this against every exporter's own layout.
import type { ExportFormat } from '../../../shared/api/export';

/** Formats that stay one file even with a train/dev/test split (the split is a field in each record). */
const ONE_FILE_EVEN_SPLIT: readonly ExportFormat[] = ['biaozhu-jsonl', 'mentions-csv', 'entities-csv', 'relations-csv'];

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  'biaozhu-jsonl': '.jsonl',
  'doccano-jsonl': '.jsonl',
  cluener: '.json',
  'conll-bio': '.conll',
  'conll-bioes': '.conll',
  brat: '',
  'label-studio': '.json',
  'mentions-csv': '.csv',
  'entities-csv': '.csv',
  'relations-csv': '.csv',
};

/** brat writes a folder; a split writes train/dev/test files into one. */
export const exportWritesFolder = (format: ExportFormat, split: boolean): boolean => format === 'brat' || (split && !ONE_FILE_EVEN_SPLIT.includes(format));
