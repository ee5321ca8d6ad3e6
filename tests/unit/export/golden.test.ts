// Every export format, with each of its options, writes exactly the bytes it wrote when the golden
// hashes were recorded: through the export job (worker threads, the real project file) and through
// exportToStrings (in memory). Restructuring the export must not change one byte.
// To record the hashes again after an intended change of output: BIAOZHU_GOLDEN=write; to keep
// the outputs for comparing: BIAOZHU_GOLDEN_KEEP=<folder>.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, type ExportReport } from '../../../shared/api/export';
import type { ApiInput } from '../../../shared/api/index';
import { exportToStrings } from '../../../shared/exchange/index';
import { testCore } from '../helpers';
import { buildGoldenProject, goldenDocuments } from './golden-fixture';

const GOLDEN = join(__dirname, 'golden', 'exports.json');
const WRITE = process.env.BIAOZHU_GOLDEN === 'write';
/** A folder to copy every job's output into, to see what changed when a hash differs. */
const KEEP = process.env.BIAOZHU_GOLDEN_KEEP;
const ALL_STATUSES = ['todo', 'in_progress', 'done', 'reviewed'] as const;

type Options = Omit<ApiInput<'export:start'>, 'format' | 'outPath'>;
/** Option sets every format is exported with. */
const OPTION_SETS: Record<string, Options> = {
  everything: { statuses: [...ALL_STATUSES], review: 'all' },
  defaults: {},
  source: { statuses: [...ALL_STATUSES], offsets: 'source' },
  split: { statuses: [...ALL_STATUSES], split: { seed: 7, train: 0.6, dev: 0.2, test: 0.2 } },
  filtered: { statuses: ['in_progress', 'done', 'reviewed'], labelKeys: ['PERSON', 'SLOGAN'], annotator: '李', review: 'accepted' },
};

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** Hashes by path; a brat folder's hundreds of files summed up in one hash (KEEP keeps them to compare). */
const summary = (written: (readonly [string, string])[]) =>
  written.length <= 8 ? Object.fromEntries(written) : { [`${written.length} files`]: sha(written.map((pair) => pair.join('\t')).join('\n')) };

const golden: Record<string, unknown> = WRITE || !existsSync(GOLDEN) ? {} : JSON.parse(readFileSync(GOLDEN, 'utf8'));
const recorded: Record<string, unknown> = {};

describe('export output is byte for byte what it was', () => {
  const core = testCore();
  buildGoldenProject(core.session.requireDb());
  afterAll(() => {
    core.dispose();
    if (WRITE) writeFileSync(GOLDEN, `${JSON.stringify(recorded, null, 1)}\n`);
  });

  for (const format of EXPORT_FORMATS) {
    it(`${format}: every option set through the export job`, async () => {
      for (const [name, options] of Object.entries(OPTION_SETS)) {
        const outPath = join(core.dir, `${format}-${name}`);
        const { jobId } = await core.call('export:start', { format, outPath, ...options });
        const status = await core.jobs.wait(jobId);
        if (status.state !== 'done') throw new Error(`${format} ${name}: job ${status.state}: ${status.error}`);
        const { files, ...report } = status.result as ExportReport;
        const written = filesUnder(outPath).map((file) => [relative(outPath, file) || '.', sha(readFileSync(file))] as const);
        if (KEEP) cpSync(outPath, join(KEEP, `${format}-${name}`), { recursive: true });
        const listed = sha(files.map((file) => relative(outPath, file) || '.').join('\n'));
        const result = { files: summary(written), listed, report: sha(JSON.stringify(report)) };
        recorded[`job ${format} ${name}`] = result;
        if (!WRITE) expect(result, `${format} ${name}`).toEqual(golden[`job ${format} ${name}`]);
      }
    });

    it(`${format}: exportToStrings`, () => {
      for (const offsets of ['normalized', 'source'] as const) {
        const out = exportToStrings(
          format,
          goldenDocuments(),
          {
            labels: [
              { key: 'PERSON', nameZh: '人物', nameEn: 'Person' },
              { key: 'EVENT TYPE', nameZh: '事件', nameEn: 'Event' },
            ],
            offsets,
          },
          50,
        );
        const written = [...out.files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, text]) => [path, sha(text)] as const);
        const result = { files: summary(written), report: sha(JSON.stringify({ ...out, files: undefined })) };
        recorded[`strings ${format} ${offsets}`] = result;
        if (!WRITE) expect(result, `${format} ${offsets}`).toEqual(golden[`strings ${format} ${offsets}`]);
      }
    });
  }
});
