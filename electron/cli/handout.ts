// `biaozhu handout <project> --annotator A[,B…] [--docs FILTER | --sample N --seed S] [--overlap 0.2] --out FILE [--force]`.
import type { HandoutReport } from '../../shared/api/coders';
import type { ApiInput } from '../../shared/api/index';
import type { Core } from '../services/core';
import { parseDocs } from './agreement';

/** A user's mistake: the CLI exits 1 with the message (main.ts exits 1 for errors with a code). */
export class CoderCliError extends Error {
  readonly code = 'invalid_input';
}

export const HANDOUT_USAGE = `  handout <project> --annotator NAME[,NAME…] --out FILE.biaozhu [--docs FILTER | --sample N --seed S]
        [--overlap 0.2] [--force]
        a project file per coder with the chosen documents (text, metadata, status), the labels and
        guidelines, and the coder's name preset; the project is not changed. --docs as for agreement;
        --sample N: N documents drawn with --seed S (default 0); --overlap: the share of documents
        every coder gets, to measure agreement on (the rest is split between the coders). For
        several coders each file is named FILE-NAME.biaozhu, or put {annotator} in --out.
        An existing file is replaced only with --force`;

const number = (flag: string, value: unknown, integer: boolean): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new CoderCliError(
      `--${flag} is ${integer ? 'a whole number' : 'a number'}, e.g. --${flag} ${flag === 'overlap' ? '0.2' : '50'} (got ${String(value)})`,
    );
  }
  return n;
};

export async function runHandout(core: Core, flags: Record<string, unknown>, json: boolean): Promise<number> {
  const annotators =
    typeof flags.annotator === 'string'
      ? flags.annotator
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  if (annotators.length === 0) throw new CoderCliError('handout needs --annotator NAME (several: --annotator a,b,c)');
  if (typeof flags.out !== 'string') throw new CoderCliError('handout needs --out FILE.biaozhu');
  const input: ApiInput<'coders:handout'> = {
    annotators,
    outPath: flags.out,
    overwrite: flags.force === true,
    ...(typeof flags.docs === 'string' ? { documents: parseDocs(flags.docs) } : {}),
    ...(flags.sample !== undefined ? { sample: number('sample', flags.sample, true) } : {}),
    ...(flags.seed !== undefined ? { seed: number('seed', flags.seed, true) } : {}),
    ...(flags.overlap !== undefined ? { overlap: number('overlap', flags.overlap, false) } : {}),
  };
  const result = await core.registry.dispatch('coders:handout', input);
  if (!result.ok) throw new CoderCliError(result.error.code === 'conflict' ? `${result.error.message} (--force replaces it)` : result.error.message);
  const report = result.value as HandoutReport;
  const lines = [
    `handed out ${report.chosen} documents${report.shared > 0 ? ` (${report.shared} to every coder)` : ''}:`,
    ...report.files.map((f) => `  ${f.annotator}: ${f.documents} documents in ${f.path}`),
  ];
  console.log(json ? JSON.stringify(report, null, 2) : lines.join('\n'));
  return 0;
}
