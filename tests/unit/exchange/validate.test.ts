import { describe, expect, test } from 'vitest';
import { EXPORT_FORMATS } from '../../../shared/api/export';
import { exporters, exportToStrings, UnexportableDocument, validateExportDocument } from '../../../shared/exchange';
import { ctx, demoDoc, doc, span } from './fixtures';

describe('validateExportDocument', () => {
  test('accepts good documents', () => {
    expect(validateExportDocument(demoDoc(1))).toBeNull();
  });

  test.each([
    [[span(3, 2, 1, 'PERSON')], 'document 8, span 3: end 1 must be greater than start 2'],
    [[span(4, 0, 99, 'PERSON')], 'document 8, span 4: end 99 is past the end of the text (5)'],
    [[span(5, 1, 2, 'PERSON')], 'document 8, span 5: start 1 splits a surrogate pair'],
    [[span(6, 0, 2.5, 'PERSON')], 'document 8, span 6: offsets must be integers'],
    [[span(7, 0, 2, ' ')], 'document 8, span 7: label is empty'],
    [[span(9, 0, 2, 'PERSON', { sourceStart: 1 })], 'document 8, span 9: sourceStart and sourceEnd must be set together'],
  ])('reports %j', (spans, message) => {
    expect(validateExportDocument(doc(8, '𠮷王明远', spans))).toBe(message);
  });

  test('source offsets must be a range of the original text; surrogate pairs matter for source exports', () => {
    const d = doc(8, '王明远', [span(1, 0, 3, 'PERSON', { sourceStart: 1, sourceEnd: 3 })], { originalText: '𠮷王明远' });
    expect(validateExportDocument(d)).toBeNull();
    expect(validateExportDocument(d, 'source')).toBe('document 8, span 1: source offsets: start 1 splits a surrogate pair');
    // An empty source range (text that normalization inserted) is not corrupt: it is left out.
    const inserted = doc(8, '王明远', [span(1, 0, 3, 'PERSON', { sourceStart: 2, sourceEnd: 2 })], { originalText: '王明远' });
    expect(validateExportDocument(inserted, 'source')).toBeNull();
    expect(exportToStrings('doccano-jsonl', [inserted], ctx('source')).dropped).toEqual([{ reason: 'no-source-offsets', count: 1 }]);
    const far = doc(8, '王明远', [span(1, 0, 3, 'PERSON', { sourceStart: 0, sourceEnd: 9 })]);
    expect(validateExportDocument(far)).toMatch(/source offsets: 0-9 is not a range of the original text/);
  });

  test.each(EXPORT_FORMATS)('%s refuses to write a corrupt span', (format) => {
    const exporter = exporters[format];
    const c = ctx();
    exporter.begin(c);
    expect(() => exporter.document(doc(8, '𠮷王', [span(5, 1, 3, 'PERSON')]), c)).toThrow('Cannot export document 8, span 5: start 1 splits a surrogate pair');
    // As this type: the export worker names the document's title with the problem (and validates nothing twice).
    expect(() => exporter.document(doc(8, '𠮷王', [span(5, 1, 3, 'PERSON')]), c)).toThrow(UnexportableDocument);
    exporter.end(c);
  });

  test.each(EXPORT_FORMATS)('exporters[%s] is that format', (format) => {
    const exporter = exporters[format];
    expect(exporter.format).toBe(format);
    expect(exporter.layout === 'folder' ? exporter.extension === '' : exporter.extension.startsWith('.')).toBe(true);
  });
});
