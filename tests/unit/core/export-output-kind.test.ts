// The export dialog's "writes a file / a folder" hint is a small table in the renderer (the exporters
// stay out of its bundle); it must say what every exporter really does, with and without a split.
import { describe, expect, it } from 'vitest';
import { writesFolder } from '../../../electron/services/export/layout';
import { EXPORT_FORMATS } from '../../../shared/api/export';
import { exporters } from '../../../shared/exchange/index';
import { EXPORT_EXTENSIONS, exportWritesFolder } from '../../../renderer/src/projects/exportOutput';

describe('export output hint', () => {
  it('matches each exporter: folder or file, and the extension', () => {
    for (const format of EXPORT_FORMATS) {
      for (const split of [false, true]) {
        const options = split ? { split: { seed: 1, train: 0.8, dev: 0.1, test: 0.1 } } : {};
        expect(exportWritesFolder(format, split), `${format}, split ${split}`).toBe(writesFolder(exporters[format].layout, options));
      }
      expect(EXPORT_EXTENSIONS[format], format).toBe(exporters[format].extension);
    }
  });
});
