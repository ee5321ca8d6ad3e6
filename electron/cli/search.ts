// `biaozhu search <project> <query> [--regex] [--label L] [--unlabelled] [--annotator NAME] [--context N] [--limit N] [--json | --tsv]`.
import type { ApiInput, ApiOutput, Channel } from '../../shared/api/index';
import { MAX_CONTEXT, type SearchHit, type SearchQuery } from '../../shared/api/search';
import type { Core } from '../services/core';

export const SEARCH_USAGE = `  search <project> <query> [--regex] [--label KEY] [--unlabelled] [--annotator NAME]
        [--context N] [--limit N] [--json | --tsv]
        every occurrence of the text (or, with --regex, a JavaScript regular expression) in the
        documents' normalized text, as keyword-in-context lines, in document order
        --label: only hits inside a span of that label ('' as the query lists its spans)
        --unlabelled: only hits no span overlaps; --annotator: spans of that coder only
        --context: characters either side (default 20, at most ${MAX_CONTEXT}); --limit: hits shown
        (default 50; --tsv writes every hit unless --limit is given)
        --tsv: left, hit, right, label, document, title, date, source, district, start, end`;

/** A user's mistake: the CLI exits 1 with the message (main.ts exits 1 for errors with a code). */
export class SearchCliError extends Error {
  readonly code = 'invalid_input';
}

async function call<K extends Channel>(core: Core, channel: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
  const result = await core.registry.dispatch(channel, input);
  if (!result.ok) throw new SearchCliError(result.error.message);
  return result.value as ApiOutput<K>;
}

function count(flag: string, value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new SearchCliError(`--${flag} is a whole number from 0 to ${max} (got ${String(value)})`);
  return n;
}

/** Terminal columns of a string: CJK and full-width characters take two. */
function displayWidth(s: string): number {
  let width = 0;
  for (const c of s) width += /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2e80-\u2fdf\u3040-\u30ff\uac00-\ud7af]/u.test(c) ? 2 : 1;
  return width;
}

const oneLine = (s: string) => s.replace(/[\t\r\n]/g, ' ');

/** Keyword-in-context lines, the hits aligned under each other. */
export function concordanceLines(hits: readonly SearchHit[]): string[] {
  const lefts = hits.map((h) => oneLine(h.left));
  const width = Math.max(0, ...lefts.map(displayWidth));
  return hits.map((h, i) => `#${h.documentId}:${h.start}\t${' '.repeat(width - displayWidth(lefts[i]))}${lefts[i]} 【${oneLine(h.text)}】 ${oneLine(h.right)}`);
}

export async function runSearch(core: Core, query: string | undefined, flags: Record<string, unknown>, json: boolean): Promise<number> {
  if (query === undefined) throw new SearchCliError('search needs a query: biaozhu search <project> <query>');
  if (json && flags.tsv === true) throw new SearchCliError('--json and --tsv: choose one');
  const search: SearchQuery = {
    query,
    regex: flags.regex === true,
    unlabelled: flags.unlabelled === true,
    ...(typeof flags.label === 'string' ? { label: flags.label } : {}),
    ...(typeof flags.annotator === 'string' ? { annotator: flags.annotator } : {}),
  };
  const context = count('context', flags.context, 20, MAX_CONTEXT);
  if (flags.tsv === true) {
    const file = await call(core, 'search:concordanceFile', { search, context, format: 'tsv' });
    const limit = count('limit', flags.limit, Infinity, Number.MAX_SAFE_INTEGER);
    const rows = file.text.split('\n');
    // The header, the rows asked for, and the final newline.
    process.stdout.write(limit >= file.hits ? file.text : `${rows.slice(0, limit + 1).join('\n')}\n`);
    return 0;
  }
  const limit = count('limit', flags.limit, 50, 1000);
  const page = limit === 0 ? { hits: [], more: true } : await call(core, 'search:hits', { search, context, limit });
  const counts = await call(core, 'search:counts', { search });
  if (json) {
    console.log(JSON.stringify({ total: counts.hits, documents: counts.documents, hits: page.hits, more: page.more }, null, 2));
    return 0;
  }
  const shown = page.hits.length < counts.hits ? ` (the first ${page.hits.length}; --limit shows more)` : '';
  console.log([...concordanceLines(page.hits), `${counts.hits} hits in ${counts.documents} documents${shown}`].join('\n'));
  return 0;
}
