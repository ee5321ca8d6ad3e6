import { describe, expect, it } from 'vitest';
import { commonFolder, FILES_LISTED, writtenFiles } from '../../../shared/exchange/written-files';

describe('written files', () => {
  it('lists a few files whole and names the folder of many', () => {
    expect(writtenFiles(['/tmp/out.jsonl'])).toEqual({ listed: ['/tmp/out.jsonl'], more: 0, folder: '/tmp' });
    const brat = Array.from({ length: 40_004 }, (_, i) => `/home/r/export/brat/doc-${i}.${i % 2 ? 'ann' : 'txt'}`);
    const written = writtenFiles(brat);
    expect(written.listed).toHaveLength(FILES_LISTED);
    expect(written.more).toBe(40_004 - FILES_LISTED);
    expect(written.folder).toBe('/home/r/export/brat');
  });

  it('finds the common folder of split exports and Windows paths, never a partial folder name', () => {
    expect(commonFolder(['/o/split/train/doc-1.txt', '/o/split/dev/doc-2.txt'])).toBe('/o/split');
    expect(commonFolder(['/o/out/a.txt', '/o/out2/b.txt'])).toBe('/o');
    expect(commonFolder(['C:\\语料\\brat\\doc-1.txt', 'C:\\语料\\brat\\doc-1.ann'])).toBe('C:\\语料\\brat');
    expect(commonFolder([])).toBe('');
  });
});
