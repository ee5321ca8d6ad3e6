// Folder import and file names that are not UTF-8: GBK names from Windows zips unpacked on Linux
// are read through their bytes and imported; a file that cannot be read is named with the reason.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Previewer } from '../../../electron/services/import/preview';
import { displayName, expandSources } from '../../../electron/services/import/sources';
import { tempDir } from '../helpers';
import { defaultOptions } from './helpers';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('biaozhu-sources-')));
afterAll(() => cleanup());

const GBK_BEIJING = Buffer.from([0xb1, 0xb1, 0xbe, 0xa9]); // 北京 in GBK
const bytesPath = (...parts: (string | Buffer)[]) => Buffer.concat(parts.flatMap((p, i) => [...(i ? [Buffer.from('/')] : []), Buffer.from(p)]));

describe('file names that are not UTF-8', () => {
  it('are shown decoded as GB18030 and say so', () => {
    expect(displayName(GBK_BEIJING).text).toBe('北京');
    expect(displayName(GBK_BEIJING).note).toMatch(/not valid UTF-8 \(bytes b1 b1 be a9\); shown as read in GB18030/);
    expect(displayName(Buffer.from([0xff, 0x2e, 0x74, 0x78, 0x74])).text).toBe('\ufffd.txt');
    expect(displayName(Buffer.from('朝阳.txt')).note).toBeNull();
  });

  it('are found in a folder, read through their bytes and imported, with a warning naming them', () => {
    const folder = join(dir, 'gbk');
    mkdirSync(folder);
    writeFileSync(bytesPath(folder, Buffer.concat([GBK_BEIJING, Buffer.from('.txt')])), '北京市朝阳区召开会议。');
    mkdirSync(bytesPath(folder, GBK_BEIJING));
    writeFileSync(bytesPath(folder, GBK_BEIJING, 'inner.txt'), '海淀区召开会议。');
    writeFileSync(join(folder, 'plain.txt'), '丰台区召开会议。');
    // A link to nothing, under a name that is neither UTF-8 nor GB18030: reported, not skipped.
    symlinkSync(join(folder, 'missing'), bytesPath(folder, Buffer.from([0xff, 0xfe, 0x2e, 0x74, 0x78, 0x74])));

    const { inputs, problems } = expandSources([{ kind: 'path', path: folder }]);
    // In byte order, as listed: plain.txt, then the GBK folder 北京, then 北京.txt.
    expect(inputs.map((i) => i.fileName)).toEqual([join(folder, 'plain.txt'), join(folder, '北京', 'inner.txt'), join(folder, '北京.txt')]);
    expect(problems).toEqual([
      {
        fileName: join(folder, '\ufffd\ufffd.txt'),
        message: expect.stringMatching(/^cannot read file: ENOENT.*not valid UTF-8 or GB18030 \(bytes ff fe 2e 74 78 74\)/),
        code: 'file_unreadable',
        params: { detail: expect.stringMatching(/^ENOENT/) },
      },
    ]);

    const previewer = new Previewer(null, defaultOptions);
    const previews = inputs.map((input, i) => previewer.preview(input, i, null).preview);
    expect(previews.map((p) => [p.error, p.documents.length])).toEqual([
      [null, 1],
      [null, 1],
      [null, 1],
    ]);
    expect(previews[2].documents[0].warnings.map((w) => w.message)).toContain(
      'the file name is not valid UTF-8 (bytes b1 b1 be a9 2e 74 78 74); shown as read in GB18030',
    );
    expect(previews[1].documents[0].warnings.map((w) => w.message).join()).toMatch(/folder name 北京 is not valid UTF-8/);
  });
});
