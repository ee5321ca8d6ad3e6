// `biaozhu consistency <project> [--annotator A] [--label KEY] [--all] [--limit N] [--json]`.
import type { ApiInput, ApiOutput, Channel } from '../../shared/api/index';
import type { ConsistencyRow } from '../../shared/api/search';
import type { Core } from '../services/core';

export const CONSISTENCY_USAGE = `  consistency <project> [--annotator NAME] [--label KEY] [--all] [--limit N] [--json]
        per labelled mention string: its labels with counts and its occurrences no span covers
        ("蔡奇  PERSON 312  unlabelled 17"); only strings with unlabelled occurrences or more than
        one label unless --all; most problems first (unlabelled plus spans off the string's most
        frequent label); --annotator: that coder's spans only`;

/** A user's mistake: the CLI exits 1 with the message (main.ts exits 1 for errors with a code). */
class ConsistencyCliError extends Error {
  readonly code = 'invalid_input';
}

const PAGE = 1000;

async function call<K extends Channel>(core: Core, channel: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
  const result = await core.registry.dispatch(channel, input);
  if (!result.ok) throw new ConsistencyCliError(result.error.message);
  return result.value as ApiOutput<K>;
}

/** Terminal columns: Han and full-width characters take two. */
const columns = (s: string): number => [...s].reduce((n, c) => n + (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(c) ? 2 : 1), 0);

/** One line per mention, the mentions padded to one column: "蔡奇  PERSON 312, SLOGAN 2  unlabelled 17  documents 40". */
export function consistencyTable(rows: readonly ConsistencyRow[]): string[] {
  const mentions = rows.map((row) => row.mention.replace(/\s+/g, ' '));
  const width = Math.max(0, ...mentions.map(columns));
  return rows.map((row, i) => {
    const labels = row.labels.map((l) => `${l.label} ${l.count}`).join(', ');
    return `${mentions[i]}${' '.repeat(width - columns(mentions[i]))}  ${labels}  unlabelled ${row.unlabelled}  documents ${row.documents}`;
  });
}

export async function runConsistency(core: Core, flags: Record<string, unknown>, json: boolean): Promise<number> {
  const limit = flags.limit === undefined ? Infinity : Number(flags.limit);
  if (!Number.isInteger(limit) && limit !== Infinity)
    throw new ConsistencyCliError(`--limit is a whole number of rows, e.g. --limit 50 (got ${String(flags.limit)})`);
  if (limit < 0) throw new ConsistencyCliError(`--limit cannot be negative (got ${limit})`);
  const base = {
    problemsOnly: flags.all !== true,
    ...(typeof flags.annotator === 'string' ? { annotator: flags.annotator } : {}),
    ...(typeof flags.label === 'string' ? { label: flags.label } : {}),
  };
  const rows: ConsistencyRow[] = [];
  let total = 0;
  // Pages of the API until the limit or the end; each page recomputes the report, so ask for few.
  do {
    const page = await call(core, 'search:consistency', { ...base, offset: rows.length, limit: Math.max(1, Math.min(PAGE, limit - rows.length)) });
    total = page.total;
    rows.push(...page.rows.slice(0, Math.max(0, limit - rows.length)));
    if (page.rows.length === 0) break;
  } while (rows.length < Math.min(total, limit));
  const what = base.problemsOnly ? 'mentions with unlabelled occurrences or more than one label' : 'labelled mentions';
  const more = rows.length < total ? ` (the first ${rows.length}; --limit shows more)` : '';
  const text = [...consistencyTable(rows), `${total} ${what}${more}`].join('\n');
  console.log(json ? JSON.stringify({ total, rows }, null, 2) : text);
  return 0;
}
