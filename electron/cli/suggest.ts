// `biaozhu suggest <project> [--sources dict,gazetteer,patterns,model] [--docs FILTER] [--accept-above 0.9] [--json]`.
import type { ApiInput, ApiOutput, Channel } from '../../shared/api/index';
import type { JobStatus } from '../../shared/api/jobs';
import { SUGGESTION_SOURCES, suggestionsInputs, type PreannotateReport, type SuggestionSource } from '../../shared/api/suggestions';
import type { Core } from '../services/core';
import { startPreannotate } from '../services/suggest/preannotate';
import { parseDocs } from './agreement';

export const SUGGEST_USAGE = `  suggest <project> [--sources dict,gazetteer,patterns,model] [--docs FILTER] [--accept-above 0.9]
        [--annotator NAME]
        pre-annotates: proposes spans from the project dictionary (the coder's confirmed mentions),
        the enabled gazetteers and patterns and the stored tagger, and writes those at or above
        --accept-above (0 to 1, default 0.9) as the coder's spans (origin 'suggested', each
        document's one undo step); the rest stay proposals for the workbench. Default: every
        source, every document, the coder this computer's Biaozhu is set to (--annotator: another).
        --docs as for agreement. A pattern that runs past its 1.5 s limit in a document is
        skipped there and in the later documents, and named`;

/** A user's mistake: the CLI exits 1 with the message (main.ts exits 1 for errors with a code). */
export class SuggestCliError extends Error {
  readonly code = 'invalid_input';
}

async function call<K extends Channel>(core: Core, channel: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
  const result = await core.registry.dispatch(channel, input);
  if (!result.ok) throw new SuggestCliError(result.error.message);
  return result.value as ApiOutput<K>;
}

/** Names as a user types them (dict, patterns, gazetteers) → the API's. */
const SOURCE_NAMES: Record<string, SuggestionSource> = {
  dict: 'dictionary',
  dictionary: 'dictionary',
  gazetteer: 'gazetteer',
  gazetteers: 'gazetteer',
  pattern: 'pattern',
  patterns: 'pattern',
  model: 'model',
  tagger: 'model',
};

export function parseSources(value: unknown): SuggestionSource[] | undefined {
  if (value === undefined) return undefined;
  const names = String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new SuggestCliError(`--sources names no source; use some of dict,gazetteer,patterns,model`);
  const sources = names.map((name) => {
    const source = SOURCE_NAMES[name.toLowerCase()];
    if (!source) throw new SuggestCliError(`--sources: unknown source ${name}; use some of dict,gazetteer,patterns,model`);
    return source;
  });
  return SUGGESTION_SOURCES.filter((s) => sources.includes(s));
}

export function parseAcceptAbove(value: unknown): number {
  if (value === undefined) return 0.9;
  const n = Number(value);
  if (String(value).trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new SuggestCliError(`--accept-above is a number from 0 to 1, e.g. 0.9 (got ${String(value)})`);
  return n;
}

/** The ids --docs names: ids as given, or the documents its filters match. */
async function documentIds(core: Core, docs: unknown): Promise<number[] | undefined> {
  if (typeof docs !== 'string') return undefined;
  const parsed = parseDocs(docs);
  if (parsed.ids) return parsed.ids;
  const ids: number[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await call(core, 'documents:list', { filter: parsed.filter ?? {}, offset, limit: 1000 });
    ids.push(...page.items.map((d) => d.id));
    if (offset + 1000 >= page.total) break;
  }
  if (ids.length === 0) throw new SuggestCliError(`--docs ${docs}: no document matches; nothing was written`);
  return ids;
}

export async function runSuggest(core: Core, flags: Record<string, unknown>, json: boolean): Promise<number> {
  const sources = parseSources(flags.sources);
  const acceptAbove = parseAcceptAbove(flags['accept-above']);
  const ids = await documentIds(core, flags.docs);
  const annotator = typeof flags.annotator === 'string' && flags.annotator.trim() ? flags.annotator.trim() : core.session.annotator();
  const input = suggestionsInputs['suggestions:preannotate'].parse({ acceptAbove, ...(sources ? { sources } : {}), ...(ids ? { documentIds: ids } : {}) });
  let jobId: string;
  try {
    ({ jobId } = startPreannotate(core.session, core.jobs, input, annotator));
  } catch (error) {
    throw new SuggestCliError((error as Error).message);
  }
  const status: JobStatus = await core.jobs.wait(jobId, (s) => {
    if (!json && process.stderr.isTTY && s.total > 0) process.stderr.write(`\r${s.done}/${s.total} documents`);
  });
  if (!json && process.stderr.isTTY) process.stderr.write('\r'.padEnd(40) + '\r');
  if (status.state !== 'done') throw new SuggestCliError(status.error ?? `pre-annotation ${status.state}`);
  const report = status.result as PreannotateReport;
  const model = sources === undefined || sources.includes('model') ? await call(core, 'model:status', {}) : null;
  const bySource = report.bySource.map((s) => `${s.source} ${s.created}`).join(', ');
  const lines = [
    `pre-annotated ${report.documents} documents as ${annotator}: ${report.created} spans written${bySource ? ` (${bySource})` : ''}`,
    `${report.proposed} suggestions below ${acceptAbove} left as proposals; ${report.skipped} skipped (a span was there)`,
    ...report.skippedPatterns.map((p) => `skipped in ${p.documents} documents: ${p.message}`),
    ...(model && model.state === 'none' ? ['no tagger is stored in this project yet: train it in the app (model:train) to add its suggestions'] : []),
  ];
  console.log(json ? JSON.stringify({ ...report, acceptAbove, annotator }, null, 2) : lines.join('\n'));
  return 0;
}
