import type { ExportOptions } from '../../../shared/api/export';
import type { Exporter } from '../../../shared/exchange/index';

/** brat always writes a folder; split exports write train/dev/test files into a folder. */
export const writesFolder = (layout: Exporter['layout'], options: Pick<ExportOptions, 'split'>): boolean =>
  layout === 'folder' || (layout === 'file-per-split' && options.split !== undefined);
