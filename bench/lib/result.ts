// What every measure writes to bench/results/<name>.json, and the small statistics they share.
// Benchmarks never assert speed: a missed goal is a result, only a crash is a failure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR } from './paths';
import { sizeSpec, type SizeSpec } from './sizes';

export type Status = 'ok' | 'not built' | 'crashed';

export interface Goal {
  /** Measured value must be >= or <= this. */
  op: '>=' | '<=';
  value: number;
}

export interface Row {
  name: string;
  value: number | null;
  unit: string;
  baseline: number | null;
  baselineName: string;
  /** value / baseline. */
  ratio: number | null;
  goal?: Goal;
  /** Goal on the ratio, e.g. import ≥ 0.25 × raw insert. */
  goalRatio?: Goal;
  /** null when the row has no goal. */
  pass: boolean | null;
  note?: string;
}

export interface MeasureResult {
  measure: string;
  title: string;
  status: Status;
  size: string;
  date: string;
  durationSeconds: number;
  rows: Row[];
  notes: string[];
  details: Record<string, unknown>;
  error?: string;
}

/** Thrown when the part a measure needs does not exist yet; recorded as 'not built', not a crash. */
export class NotBuilt extends Error {}

const meets = (g: Goal | undefined, v: number | null) => (g === undefined ? true : v !== null && (g.op === '>=' ? v >= g.value : v <= g.value));

export function row(r: Omit<Row, 'ratio' | 'pass'> & { ratio?: number | null }): Row {
  const ratio = r.ratio !== undefined ? r.ratio : r.value !== null && r.baseline ? r.value / r.baseline : null;
  const hasGoal = r.goal !== undefined || r.goalRatio !== undefined;
  return { ...r, ratio, pass: hasGoal ? meets(r.goal, r.value) && meets(r.goalRatio, ratio) : null };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: number[]): number => percentile(values, 50);
export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

export interface MeasureContext {
  spec: SizeSpec;
  notes: string[];
  details: Record<string, unknown>;
  log: (message: string) => void;
}

/**
 * Loads a part of the app. When one of our own modules is missing (another engineer is still
 * writing it), throws NotBuilt naming it, so the measure is recorded as 'not built'.
 */
export function load<T>(loader: () => T): T {
  try {
    return loader();
  } catch (error) {
    const e = error as { code?: string; message?: string; requireStack?: string[] };
    const missing = /Cannot find module '([^']+)'/.exec(e?.message ?? '')?.[1];
    if (e?.code === 'MODULE_NOT_FOUND' && missing && !missing.includes('node_modules') && /(shared|electron|renderer)\//.test(missing)) {
      const by = e.requireStack?.[0]?.replace(/^.*?\/(shared|electron|renderer|bench)\//, '$1/');
      throw new NotBuilt(`${missing.replace(/^(\.\.\/)+/, '')} does not exist yet${by ? ` (imported by ${by})` : ''}`);
    }
    throw error;
  }
}

/** Runs one measure as a command-line program: `--size small|medium|full [--seed N] [--articles N]`. */
export function runMeasure(measure: string, title: string, fn: (ctx: MeasureContext) => Promise<Row[]>): void {
  const { values } = parseArgs({
    options: { size: { type: 'string', default: 'small' }, seed: { type: 'string' }, articles: { type: 'string' } },
    allowPositionals: true,
  });
  const spec = sizeSpec(values.size!, values.seed ? Number(values.seed) : undefined, values.articles ? Number(values.articles) : undefined);
  const started = Date.now();
  const ctx: MeasureContext = { spec, notes: [], details: {}, log: (m) => console.log(`[${measure}] ${m}`) };
  const write = (status: Status, rows: Row[], error?: string) => {
    const result: MeasureResult = {
      measure,
      title,
      status,
      size: spec.name,
      date: new Date().toISOString(),
      durationSeconds: round((Date.now() - started) / 1000, 1),
      rows,
      notes: ctx.notes,
      details: ctx.details,
      ...(error ? { error } : {}),
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, `${measure}.json`), JSON.stringify(result, null, 2) + '\n');
  };
  fn(ctx).then(
    (rows) => {
      write('ok', rows);
      process.exit(0);
    },
    (error: unknown) => {
      if (error instanceof NotBuilt) {
        ctx.log(`not built: ${error.message}`);
        write('not built', [], error.message);
        process.exit(0);
      }
      console.error(error);
      write('crashed', [], (error as Error)?.stack ?? String(error));
      process.exit(1);
    },
  );
}
