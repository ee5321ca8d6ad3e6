// Regular-expression scans with a time limit. A JavaScript regex cannot be interrupted from outside
// once it runs, and one with catastrophic backtracking ((a+)+$) can run for hours on one article,
// while the core answers every channel on one thread. node:vm's `timeout` stops running JavaScript
// — regex matching included — through V8's TerminateExecution, so the scan runs synchronously in
// this thread, in batches of documents, each batch given what is left of the request's budget.
import vm from 'node:vm';
import { ApiFailure } from '../../../shared/api/result';

/** The most time one request may spend in regex matching. */
export const REGEX_TIME_LIMIT_MS = 5_000;

interface RegexJob {
  pattern: RegExp;
  texts: readonly string[];
  /** Per text: start, end, start, end … of every non-empty match. */
  out: number[][];
}

let job: RegexJob | null = null;

function scanJob(): void {
  const { pattern, texts, out } = job!;
  for (const text of texts) {
    const places: number[] = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      // An empty match is no hit; step over it by one code point, as String.prototype.matchAll does.
      if (end === start) pattern.lastIndex = start + (text.codePointAt(start)! > 0xffff ? 2 : 1);
      else places.push(start, end);
    }
    out.push(places);
  }
}

let timedWork: (() => void) | null = null;
const context = vm.createContext({ runTimedWork: () => timedWork!() });
const script = new vm.Script('runTimedWork()');

/**
 * Runs `work` synchronously on this thread and stops it after `ms` — wherever it is, inside a regex
 * match too. False when it ran out of time (what it did so far stays done). Also used by the
 * suggestion patterns (electron/services/suggest/timed-patterns.ts).
 */
export function runWithTimeLimit(work: () => void, ms: number): boolean {
  const outer = timedWork;
  timedWork = work;
  try {
    script.runInContext(context, { timeout: Math.max(1, Math.ceil(ms)) });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return false;
    throw error;
  } finally {
    timedWork = outer;
  }
}

/** Compiles the user's pattern (flags g and u: offsets stay on code-point boundaries), or says what is wrong with it. */
export function compilePattern(source: string): RegExp {
  try {
    return new RegExp(source, 'gu');
  } catch (error) {
    throw new ApiFailure('invalid_input', `search.query: ${(error as Error).message}`, { field: 'search.query' });
  }
}

/** What is left of one request's time for regex matching; reading texts between batches does not count. */
export interface RegexBudget {
  leftMs: number;
}

export const regexBudget = (ms = REGEX_TIME_LIMIT_MS): RegexBudget => ({ leftMs: ms });

/** Every match of `pattern` in each text, left to right and not overlapping; throws 'cancelled' once the budget is spent. */
export function regexPlaces(pattern: RegExp, texts: readonly string[], budget: RegexBudget): number[][] {
  if (budget.leftMs <= 0) throw timedOut(pattern);
  job = { pattern, texts, out: [] };
  const started = performance.now();
  try {
    if (!runWithTimeLimit(scanJob, budget.leftMs)) throw timedOut(pattern);
    return job.out;
  } finally {
    budget.leftMs -= performance.now() - started;
    job = null;
  }
}

function timedOut(pattern: RegExp): ApiFailure {
  return new ApiFailure(
    'cancelled',
    `The regular expression /${pattern.source}/ ran past the search's time limit and was stopped. Nested repetition such as (a+)+ is the usual cause: make it more specific, or search fewer documents.`,
  );
}
