// The kill -9 soak: a real browser-mode server process on a real project file, random labelling
// operations through the HTTP API, SIGKILL at random points (sometimes with requests in flight),
// then integrity_check on the file and a restart on the same project, which must show every
// acknowledged operation's effect. An operation whose answer never arrived must be all or nothing.
// Shared by tests/unit/core/kill-soak.test.ts (CI size) and bench/soak.ts (full size).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Annotation, DocumentSummary, Label } from '../shared/model';
import { importPaths, startServerProcess, type ServerProcess } from '../tests/unit/core/server-process';
import { Rng } from './corpus/rng';
import * as M from './soak-model';
import { Divergence, OpGenerator, type SoakOp } from './soak-ops';

export interface SoakOptions {
  seed: number;
  rounds: number;
  /** Operations answered one at a time before each kill: a random count in [min, max]. */
  opsPerRound: [number, number];
  /** Scratch folder for the project file and the server's user data. */
  dir: string;
  /** Files imported at the start (through the API, as a user would). */
  importFiles: string[];
  log?: (message: string) => void;
}

export interface SoakReport {
  seed: number;
  rounds: number;
  documents: number;
  acknowledgedOps: number;
  acknowledgedByChannel: Record<string, number>;
  killsIdle: number;
  killsWithRequestsInFlight: number;
  /** Extra kills of a server that was still opening the project (before it printed its address). */
  killsDuringStart: number;
  /** Requests whose answer never arrived: the restarted server showed their effect whole, or not at all. */
  unacknowledged: number;
  unacknowledgedApplied: number;
  unacknowledgedAbsent: number;
  integrityChecks: number;
  restartMs: number[];
  finalSpans: number;
  finalLabels: number;
  /** Null when nothing acknowledged was lost and every check passed. */
  failure: string | null;
  durationSeconds: number;
}

class SoakFailure extends Error {}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const labelState = (l: Label): M.LabelState => ({ id: l.id, key: l.key, nameZh: l.nameZh, nameEn: l.nameEn, color: l.color, hotkey: l.hotkey, order: l.order });

/** integrity_check and foreign_key_check through a separate read-only connection, server down. */
function checkFile(projectPath: string): string | null {
  const db = new Database(projectPath, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `integrity_check: ${JSON.stringify(db.pragma('integrity_check'))}`;
    const foreign = db.pragma('foreign_key_check') as unknown[];
    return foreign.length ? `foreign_key_check: ${JSON.stringify(foreign.slice(0, 5))}` : null;
  } finally {
    db.close();
  }
}

interface ServerState {
  documents: Map<number, M.DocumentView>;
  labels: M.LabelState[];
  annotationCount: number;
}

async function readServer(server: ServerProcess, model: M.ModelState): Promise<ServerState> {
  const page = await server.value('documents:list', { limit: 1000 });
  const summaries = new Map<number, DocumentSummary>(page.items.map((d) => [d.id, d]));
  const documents = new Map<number, M.DocumentView>();
  await Promise.all(
    [...model.documents.keys()].map(async (id) => {
      const summary = summaries.get(id);
      if (!summary) throw new SoakFailure(`document ${id} is gone`);
      const [spans, history] = await Promise.all([server.value('annotations:list', { documentId: id }), server.value('history:state', { documentId: id })]);
      documents.set(id, {
        spans: spans.map((a: Annotation) => M.spanState(a)).sort((a, b) => a.id - b.id),
        status: summary.status,
        title: summary.title,
        spanCount: summary.spanCount,
        history,
      });
    }),
  );
  const labels = (await server.value('labels:list', {})).map(labelState).sort((a, b) => a.order - b.order || a.id - b.id);
  const info = await server.value('app:info', {});
  return { documents, labels, annotationCount: info.project?.annotationCount ?? -1 };
}

/** A short description of how the server's view of a document differs from the model's. */
function describeDifference(actual: M.DocumentView, expected: M.DocumentView): string {
  const byId = (spans: M.SpanState[]) => new Map(spans.map((s) => [s.id, s]));
  const a = byId(actual.spans);
  const e = byId(expected.spans);
  const parts: string[] = [];
  for (const [id, span] of e) {
    if (!a.has(id)) parts.push(`missing span ${JSON.stringify(span)}`);
    else if (!same(a.get(id), span)) parts.push(`span ${id} is ${JSON.stringify(a.get(id))}, expected ${JSON.stringify(span)}`);
  }
  for (const [id, span] of a) if (!e.has(id)) parts.push(`unexpected span ${JSON.stringify(span)}`);
  for (const key of ['status', 'title', 'spanCount', 'history'] as const) {
    if (!same(actual[key], expected[key])) parts.push(`${key} is ${JSON.stringify(actual[key])}, expected ${JSON.stringify(expected[key])}`);
  }
  return parts.slice(0, 8).join('; ');
}

/** Decides whether each unanswered op took effect (applying it to the model if so); throws on a partial effect. */
function resolveUnacknowledged(model: M.ModelState, pending: SoakOp[], state: ServerState, report: SoakReport): void {
  for (const op of pending) {
    const withOp = M.cloneModel(model);
    let newId: number | undefined;
    if (op.channel === 'annotations:create') {
      const fresh = state.documents.get(op.scope as number)!.spans.filter((s) => !model.spans.has(s.id));
      if (fresh.length === 1) newId = fresh[0].id;
    } else if (op.channel === 'labels:create') {
      const fresh = state.labels.filter((l) => !model.labels.has(l.id));
      if (fresh.length === 1) newId = fresh[0].id;
    }
    const creates = op.channel === 'annotations:create' || op.channel === 'labels:create';
    let applied: unknown = null;
    if (!creates || newId !== undefined) {
      op.apply(withOp, { acknowledged: false, newId });
      applied = op.scope === 'labels' ? M.labelsView(withOp) : M.documentView(withOp, op.scope);
    }
    const before = op.scope === 'labels' ? M.labelsView(model) : M.documentView(model, op.scope);
    const actual = op.scope === 'labels' ? state.labels : state.documents.get(op.scope);
    if (same(actual, before)) {
      report.unacknowledgedAbsent++;
    } else if (applied !== null && same(actual, applied)) {
      op.apply(model, { acknowledged: false, newId });
      report.unacknowledgedApplied++;
    } else {
      throw new SoakFailure(
        `the unanswered ${op.channel} ${JSON.stringify(op.input)} is neither absent nor whole: server ${JSON.stringify(actual)}, ` +
          `without it ${JSON.stringify(before)}, with it ${JSON.stringify(applied)}`,
      );
    }
  }
}

/** Every acknowledged effect must be on the server, and nothing else. */
function compareAll(model: M.ModelState, state: ServerState): void {
  const problems: string[] = [];
  for (const id of model.documents.keys()) {
    const expected = M.documentView(model, id);
    const actual = state.documents.get(id)!;
    if (!same(actual, expected)) problems.push(`document ${id}: ${describeDifference(actual, expected)}`);
  }
  if (!same(state.labels, M.labelsView(model))) problems.push(`labels are ${JSON.stringify(state.labels)}, expected ${JSON.stringify(M.labelsView(model))}`);
  if (state.annotationCount !== model.spans.size) problems.push(`app:info counts ${state.annotationCount} spans, expected ${model.spans.size}`);
  if (problems.length) throw new SoakFailure(`acknowledged state lost or changed: ${problems.join(' | ')}`);
}

async function start(projectPath: string, userData: string, create = false): Promise<ServerProcess> {
  try {
    return await startServerProcess(projectPath, userData, { create, timeoutMs: 60_000 });
  } catch (error) {
    const message = (error as Error).message;
    const locked = /lock|read-only|readonly/i.test(message) ? ' (refused as locked/read-only after a SIGKILL: a stale lock was not taken over)' : '';
    throw new SoakFailure(`the server did not start on the killed project${locked}: ${message}`);
  }
}

/** A crash while opening the project: SIGKILL after delayMs, whether or not the server got ready. */
async function killWhileStarting(projectPath: string, userData: string, delayMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const started = startServerProcess(projectPath, userData, {
    onSpawn: (child) => (timer = setTimeout(() => child.kill('SIGKILL'), delayMs)),
  });
  const server = await started.catch(() => null); // killed before it was ready: the usual case
  clearTimeout(timer);
  await server?.kill('SIGKILL');
}

async function requireWritable(server: ServerProcess): Promise<void> {
  const info = await server.value('app:info', {});
  if (!info.project) throw new SoakFailure('the restarted server has no project open');
  if (info.project.readOnly)
    throw new SoakFailure(`the restarted server opened the project read-only after a SIGKILL: ${JSON.stringify(info.project.readOnly)}`);
}

async function loadModel(server: ServerProcess): Promise<M.ModelState> {
  const model = M.emptyModel();
  const page = await server.value('documents:list', { limit: 1000 });
  for (const summary of page.items) {
    const doc = await server.value('documents:get', { id: summary.id });
    model.documents.set(doc.id, { id: doc.id, text: doc.text, status: doc.status, title: doc.title, history: [], done: 0 });
  }
  for (const label of await server.value('labels:list', {})) M.applyLabelCreate(model, labelState(label));
  return model;
}

/** Ops to have in flight at a kill: one per document and at most one label op, so each can be judged alone. */
function independentBatch(ops: OpGenerator, model: M.ModelState, rng: Rng): SoakOp[] {
  const limits = { avoidDocuments: new Set<number>(), avoidLabels: new Set<number>(), allowLabelOps: false };
  const batch: SoakOp[] = [];
  const labelOp = rng.chance(0.3) ? ops.labelOp(model) : null;
  if (labelOp) {
    batch.push(labelOp);
    if (typeof labelOp.input.id === 'number') limits.avoidLabels.add(labelOp.input.id);
  }
  const size = Math.min(rng.int(1, 6), model.documents.size);
  while (batch.length < size) {
    const op = ops.next(model, limits);
    limits.avoidDocuments.add(op.scope as number);
    batch.push(op);
  }
  return batch;
}

/** Where a soak keeps its project file and the server's user data inside its scratch folder. */
export const soakPaths = (dir: string) => ({ projectPath: join(dir, 'soak.biaozhu'), userData: join(dir, 'user') });

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const began = Date.now();
  const log = options.log ?? (() => {});
  const rng = new Rng(options.seed);
  const ops = new OpGenerator(rng.fork(1));
  const kills = rng.fork(2);
  const { projectPath, userData } = soakPaths(options.dir);
  const report: SoakReport = {
    seed: options.seed,
    rounds: 0,
    documents: 0,
    acknowledgedOps: 0,
    acknowledgedByChannel: {},
    killsIdle: 0,
    killsWithRequestsInFlight: 0,
    killsDuringStart: 0,
    unacknowledged: 0,
    unacknowledgedApplied: 0,
    unacknowledgedAbsent: 0,
    integrityChecks: 0,
    restartMs: [],
    finalSpans: 0,
    finalLabels: 0,
    failure: null,
    durationSeconds: 0,
  };
  const noLimits = { avoidDocuments: new Set<number>(), avoidLabels: new Set<number>(), allowLabelOps: true };
  let latencyMs = 5;
  const acknowledge = (op: SoakOp, value: unknown) => {
    op.apply(model, { acknowledged: true, value });
    report.acknowledgedOps++;
    report.acknowledgedByChannel[op.channel] = (report.acknowledgedByChannel[op.channel] ?? 0) + 1;
  };
  const refused = (op: SoakOp, error: { code: string; message: string }) =>
    new Divergence(`${op.channel} ${JSON.stringify(op.input)} was refused (${error.code}: ${error.message}) although the model says it is valid`);

  let server = await start(projectPath, userData, true);
  const documentIds = await importPaths(server, options.importFiles);
  const model = await loadModel(server);
  report.documents = documentIds.length;
  if (documentIds.length === 0 || model.documents.size !== documentIds.length) {
    await server.kill('SIGKILL');
    throw new Error(`the import stored ${model.documents.size} documents for ${documentIds.length} reported; the soak needs them`);
  }
  log(`seed ${options.seed}: ${documentIds.length} documents imported, ${options.rounds} rounds`);
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const count = rng.int(options.opsPerRound[0], options.opsPerRound[1]);
      for (let i = 0; i < count; i++) {
        const op = ops.next(model, noLimits);
        const sent = performance.now();
        const result = await server.call(op.channel, op.input as never);
        latencyMs = 0.8 * latencyMs + 0.2 * (performance.now() - sent);
        if (!result.ok) throw refused(op, result.error);
        acknowledge(op, result.value);
      }
      const pending: SoakOp[] = [];
      if (kills.chance(0.25)) {
        report.killsIdle++;
        await server.kill('SIGKILL');
      } else {
        const batch = independentBatch(ops, model, kills);
        const answers = batch.map((op) =>
          server.call(op.channel, op.input as never).then(
            (result) => ({ op, result }),
            () => ({ op, result: null }),
          ),
        );
        const when = kills.int(0, 3);
        if (when === 1) await new Promise((resolve) => setImmediate(resolve));
        else if (when >= 2) await sleep(kills.next() * 3 * latencyMs);
        report.killsWithRequestsInFlight++;
        await server.kill('SIGKILL');
        for (const { op, result } of await Promise.all(answers)) {
          if (result === null) pending.push(op);
          else if (!result.ok) throw refused(op, result.error);
          else acknowledge(op, result.value);
        }
        report.unacknowledged += pending.length;
      }
      const damage = checkFile(projectPath);
      report.integrityChecks++;
      if (damage) throw new SoakFailure(`after the kill in round ${round}: ${damage}`);
      if (kills.chance(0.15)) {
        await killWhileStarting(projectPath, userData, kills.int(0, 1500));
        report.killsDuringStart++;
        const damaged = checkFile(projectPath);
        report.integrityChecks++;
        if (damaged) throw new SoakFailure(`after a kill while the server was starting in round ${round}: ${damaged}`);
      }
      const restarted = performance.now();
      server = await start(projectPath, userData);
      report.restartMs.push(Math.round(performance.now() - restarted));
      await requireWritable(server);
      const state = await readServer(server, model);
      resolveUnacknowledged(model, pending, state, report);
      compareAll(model, state);
      report.rounds = round;
      if (round % 10 === 0 || round === options.rounds) {
        log(
          `round ${round}: ${report.acknowledgedOps} acknowledged ops, ${model.spans.size} spans, ${report.unacknowledged} unanswered (${report.unacknowledgedApplied} applied)`,
        );
      }
    }
    await server.kill('SIGTERM');
  } catch (error) {
    await server.kill('SIGKILL');
    if (!(error instanceof SoakFailure || error instanceof Divergence)) throw error;
    report.failure = `round ${report.rounds + 1} (seed ${options.seed}): ${error.message}`;
  }
  report.finalSpans = model.spans.size;
  report.finalLabels = model.labels.size;
  report.durationSeconds = Math.round((Date.now() - began) / 100) / 10;
  return report;
}
