// The kill -9 soak's random labelling operations: each one is a real API request and how it changes
// the expected state. An acknowledged answer is checked against that expectation as it arrives; an
// operation whose answer never came (the server was killed) is applied only if the restarted server
// shows its effect.
import type { Channel } from '../shared/api/index';
import type { DocumentStatus, ReviewState } from '../shared/model';
import { DOCUMENT_STATUSES, REVIEW_STATES } from '../shared/model';
import { isValidSpan } from '../shared/text/offsets';
import { Rng } from './corpus/rng';
import * as M from './soak-model';
import type { ModelState, SpanState } from './soak-model';

/** An acknowledged answer (checked against the model), or the id a restarted server shows for a create. */
export type Outcome = { acknowledged: true; value: unknown } | { acknowledged: false; newId?: number };

export interface SoakOp {
  channel: Channel;
  input: Record<string, unknown>;
  /** The document whose state the op changes, or 'labels'. */
  scope: number | 'labels';
  /** Changes the model as the server must have; throws Divergence when an answer disagrees. */
  apply(model: ModelState, outcome: Outcome): void;
}

/** The server answered something other than what the model says it must. */
export class Divergence extends Error {}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function expectEqual(what: string, actual: unknown, expected: unknown): void {
  if (!same(actual, expected)) throw new Divergence(`${what}: the server answered ${JSON.stringify(actual)}, the model expects ${JSON.stringify(expected)}`);
}

// Not a, r, j, k, n, w: commands own those keys (shared/hotkeys.ts) and labels may not take them.
const HOTKEYS = '0123456789bcdefghm'.split('');
const COLOURS = ['#d9480f', '#7048e8', '#1c7ed6', '#2b8a3e', '#e67700', '#c2255c', '#0b7285', '#5c940d'];
const NAMES = ['地点', '机构', '会议', '政策', '指标', '时间', '事件', '文件'];

export interface OpLimits {
  /** Documents the op must not touch (another op in the same batch does). */
  avoidDocuments: Set<number>;
  /** Labels the op must not use (the batch's label op changes or deletes them). */
  avoidLabels: Set<number>;
  /** Whether label-schema ops may be chosen. */
  allowLabelOps: boolean;
}

/**
 * Whether a span already has this label on these characters. One coder's label on one stretch is
 * one span: the server returns the existing span for such a create and refuses such a resize or
 * relabel, so the soak does not ask for either.
 */
function takenPlace(model: ModelState, place: Pick<SpanState, 'documentId' | 'start' | 'end' | 'labelId'>): boolean {
  return M.spansOf(model, place.documentId).some((s) => s.start === place.start && s.end === place.end && s.labelId === place.labelId);
}

export class OpGenerator {
  private labelCounter = 0;

  constructor(private readonly rng: Rng) {}

  /** One random valid operation on the current model, within the limits. */
  next(model: ModelState, limits: OpLimits): SoakOp {
    const roll = this.rng.next();
    if (limits.allowLabelOps && roll < 0.05) {
      const op = this.labelOp(model);
      if (op) return op;
    }
    const documents = [...model.documents.keys()].filter((id) => !limits.avoidDocuments.has(id));
    if (documents.length === 0) throw new Error('no document left for this batch');
    const documentId = this.rng.pick(documents);
    const spans = M.spansOf(model, documentId);
    const labels = [...model.labels.keys()].filter((id) => !limits.avoidLabels.has(id));
    const r = this.rng.next();
    if (spans.length > 0) {
      const span = this.rng.pick(spans);
      if (r < 0.12) return this.review(span);
      if (r < 0.22) {
        const resized = this.resize(model, span);
        if (resized) return resized;
      }
      if (r < 0.3) {
        const relabelled = this.relabel(model, span, labels);
        if (relabelled) return relabelled;
      }
      if (r < 0.35) return this.editAttributes(span);
      if (r < 0.43) return deleteOp(span.id, span.documentId);
    }
    if (r < 0.55) return historyOp(documentId, 'history:undo');
    if (r < 0.62) return historyOp(documentId, 'history:redo');
    if (r < 0.66) return this.status(model, documentId);
    if (r < 0.69) return titleOp(documentId, `标题 ${this.rng.int(0, 1e6)}`);
    return this.create(model, documentId, labels);
  }

  private create(model: ModelState, documentId: number, labels: number[]): SoakOp {
    const text = model.documents.get(documentId)!.text;
    let start = 0;
    let end = 0;
    const labelId = this.rng.pick(labels);
    do {
      start = this.rng.int(0, text.length - 1);
      end = Math.min(text.length, start + this.rng.int(1, 12));
    } while (!isValidSpan(text, start, end) || takenPlace(model, { documentId, start, end, labelId }));
    const attributes: Record<string, string> = this.rng.chance(0.2) ? { note: `n${this.rng.int(0, 99)}` } : {};
    const origin = this.rng.chance(0.1) ? ('suggested' as const) : ('manual' as const);
    const input = { documentId, start, end, labelId, attributes, origin };
    return {
      channel: 'annotations:create',
      input,
      scope: documentId,
      apply(model, outcome) {
        const id = outcome.acknowledged ? (outcome.value as SpanState).id : outcome.newId;
        if (id === undefined) throw new Error('a create needs its id');
        const expected: SpanState = { id, documentId, start, end, labelId, reviewState: 'pending', origin, attributes };
        if (outcome.acknowledged) expectEqual('annotations:create', M.spanState(outcome.value as SpanState), M.spanState(expected));
        M.applyCreate(model, expected);
      },
    };
  }

  private review(span: SpanState): SoakOp {
    const reviewState = this.rng.pick(REVIEW_STATES.filter((s) => s !== span.reviewState)) as ReviewState;
    return updateOp(span, 'review', { reviewState });
  }

  private resize(model: ModelState, span: SpanState): SoakOp | null {
    const text = model.documents.get(span.documentId)!.text;
    for (let tries = 0; tries < 5; tries++) {
      const start = Math.max(0, span.start + this.rng.int(-2, 2));
      const end = Math.min(text.length, span.end + this.rng.int(-2, 2));
      const moved = (start !== span.start || end !== span.end) && isValidSpan(text, start, end);
      if (moved && !takenPlace(model, { ...span, start, end })) return updateOp(span, 'resize', { start, end });
    }
    return null;
  }

  private relabel(model: ModelState, span: SpanState, labels: number[]): SoakOp | null {
    const free = labels.filter((labelId) => labelId !== span.labelId && !takenPlace(model, { ...span, labelId }));
    return free.length ? updateOp(span, 'relabel', { labelId: this.rng.pick(free) }) : null;
  }

  private editAttributes(span: SpanState): SoakOp {
    let attributes: Record<string, string>;
    do attributes = this.rng.chance(0.2) ? {} : { note: `a${this.rng.int(0, 999)}`, ...(this.rng.chance(0.3) ? { role: '书记' } : {}) };
    while (same(M.spanState({ ...span, attributes }).attributes, span.attributes));
    return updateOp(span, 'attributes', { attributes });
  }

  private status(model: ModelState, documentId: number): SoakOp {
    const current = model.documents.get(documentId)!.status;
    const status = this.rng.pick(DOCUMENT_STATUSES.filter((s) => s !== current)) as DocumentStatus;
    return {
      channel: 'documents:update',
      input: { id: documentId, status },
      scope: documentId,
      apply(model, outcome) {
        if (outcome.acknowledged) expectEqual('documents:update status', (outcome.value as { status: string }).status, status);
        model.documents.get(documentId)!.status = status;
      },
    };
  }

  /** A random label-schema op (create, rename/recolour/hotkey, delete an unused label, reorder), or null. */
  labelOp(model: ModelState): SoakOp | null {
    const labels = [...model.labels.values()];
    const r = this.rng.next();
    if (r < 0.3) {
      const key = `SOAK_${++this.labelCounter}_${this.rng.int(0, 1e6)}`;
      return labelCreateOp(key, this.rng.pick(NAMES), this.rng.pick(COLOURS));
    }
    if (r < 0.65) {
      const label = this.rng.pick(labels);
      const free = HOTKEYS.filter((k) => !labels.some((l) => l.hotkey === k));
      const patch = {
        nameZh: `${this.rng.pick(NAMES)}${this.rng.int(0, 99)}`,
        color: this.rng.pick(COLOURS),
        hotkey: this.rng.chance(0.3) || free.length === 0 ? null : this.rng.pick(free),
      };
      return labelUpdateOp(label.id, patch);
    }
    if (r < 0.85) {
      // Only a label no span ever used (an undo could bring such a span back), and never the last one.
      const unused = labels.filter((l) => !model.labelsEverUsed.has(l.id));
      if (unused.length === 0 || labels.length < 2) return null;
      return labelDeleteOp(this.rng.pick(unused).id);
    }
    const ids = labels.map((l) => l.id);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = this.rng.int(0, i);
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    return labelReorderOp(ids);
  }
}

function updateOp(span: SpanState, kind: M.ChangeKind, patch: Partial<SpanState>): SoakOp {
  return {
    channel: 'annotations:update',
    input: { id: span.id, ...patch },
    scope: span.documentId,
    apply(model, outcome) {
      const after = M.applyUpdate(model, span.id, kind, patch);
      if (outcome.acknowledged) expectEqual(`annotations:update (${kind})`, M.spanState(outcome.value as SpanState), after);
    },
  };
}

function deleteOp(id: number, documentId: number): SoakOp {
  return {
    channel: 'annotations:delete',
    input: { id },
    scope: documentId,
    apply(model, outcome) {
      if (outcome.acknowledged) expectEqual('annotations:delete', outcome.value, { id });
      M.applyDelete(model, id);
    },
  };
}

function historyOp(documentId: number, channel: 'history:undo' | 'history:redo'): SoakOp {
  return {
    channel,
    input: { documentId },
    scope: documentId,
    apply(model, outcome) {
      const step = M.applyHistory(model, documentId, channel === 'history:undo' ? 'undo' : 'redo');
      if (!outcome.acknowledged) return;
      const value = outcome.value as (M.Step & M.DocumentView['history']) | null;
      if (!step || !value) return expectEqual(channel, value, step);
      const { canUndo, canRedo, undoLabel, redoLabel, undoKind, redoKind } = value;
      expectEqual(channel, { upserted: value.upserted.map(M.spanState), deletedIds: value.deletedIds }, step);
      expectEqual(`${channel} history state`, { canUndo, canRedo, undoLabel, redoLabel, undoKind, redoKind }, M.historyState(model, documentId));
    },
  };
}

function titleOp(documentId: number, title: string): SoakOp {
  return {
    channel: 'documents:update',
    input: { id: documentId, metadata: { title } },
    scope: documentId,
    apply(model, outcome) {
      if (outcome.acknowledged) expectEqual('documents:update title', (outcome.value as { title: string }).title, title);
      model.documents.get(documentId)!.title = title;
    },
  };
}

const labelFields = (l: M.LabelState) => ({ id: l.id, key: l.key, nameZh: l.nameZh, nameEn: l.nameEn, color: l.color, hotkey: l.hotkey, order: l.order });

function labelCreateOp(key: string, nameZh: string, color: string): SoakOp {
  return {
    channel: 'labels:create',
    input: { key, nameZh, nameEn: key, color },
    scope: 'labels',
    apply(model, outcome) {
      const id = outcome.acknowledged ? (outcome.value as M.LabelState).id : outcome.newId;
      if (id === undefined) throw new Error('a label create needs its id');
      const expected: M.LabelState = { id, key, nameZh, nameEn: key, color, hotkey: null, order: M.nextLabelOrder(model) };
      if (outcome.acknowledged) expectEqual('labels:create', labelFields(outcome.value as M.LabelState), expected);
      M.applyLabelCreate(model, expected);
    },
  };
}

function labelUpdateOp(id: number, patch: Pick<M.LabelState, 'nameZh' | 'color' | 'hotkey'>): SoakOp {
  return {
    channel: 'labels:update',
    input: { id, ...patch },
    scope: 'labels',
    apply(model, outcome) {
      M.applyLabelUpdate(model, id, patch);
      if (outcome.acknowledged) expectEqual('labels:update', labelFields(outcome.value as M.LabelState), model.labels.get(id));
    },
  };
}

function labelDeleteOp(id: number): SoakOp {
  return {
    channel: 'labels:delete',
    input: { id },
    scope: 'labels',
    apply(model, outcome) {
      if (outcome.acknowledged) expectEqual('labels:delete', outcome.value, { id });
      M.applyLabelDelete(model, id);
    },
  };
}

function labelReorderOp(ids: number[]): SoakOp {
  return {
    channel: 'labels:reorder',
    input: { ids },
    scope: 'labels',
    apply(model, outcome) {
      M.applyLabelReorder(model, ids);
      if (outcome.acknowledged) expectEqual('labels:reorder', (outcome.value as M.LabelState[]).map(labelFields), M.labelsView(model));
    },
  };
}
