// The learned tagger of the open project (#22, source 4): trained in a worker thread
// (train-host.ts) on the coder's confirmed spans, stored in the project file (migration 013), and
// retrained in the background, debounced, once the confirmed spans changed and then stayed still.
// The core's thread only gathers the examples and writes the result: it is never blocked.
// The model keeps the confirmed mentions it was trained with as its dictionary (TaggerOptions.dictionary).
import type { ModelStatus } from '../../../shared/api/suggestions';
import { ApiFailure } from '../../../shared/api/result';
import type { TaggerExample } from '../../../shared/suggest/tagger/index';
import type { JobControl } from '../app/jobs';
import type { ProjectSession } from '../app/session';
import type { Db } from '../db/connection';
import { nowIso, statement } from '../db/connection';
import { annotatorIdByName } from '../db/document-filters';
import { getDocumentText } from '../db/documents';
import { listLabels } from '../db/labels';
import { confirmedPlaces, readModelInfo, writeModel } from '../db/suggestions';
import { storedTagger } from './sources';
import { trainInWorker } from './train-host';

/** Fewer confirmed spans than this teach the tagger nothing worth proposing. */
export const FEWEST_TRAINING_SPANS = 20;
/** The background retraining waits this long after the last change of the confirmed spans. */
export const RETRAIN_DEBOUNCE_MS = 30_000;
const CHECK_EVERY_MS = 5_000;

interface TrainingData {
  examples: TaggerExample[];
  spans: number;
  documents: number;
  fingerprint: string;
}

/**
 * Training reads at most this many characters of text, newest documents first: the tagger learns
 * most of what it can from a few hundred thousand (bench/measures/tagger.ts), and a corpus of a
 * million spans must not keep a core busy for minutes.
 */
export const MOST_TRAINING_CHARACTERS = 2_000_000;

/** What the coder confirmed, as the tagger's examples (texts of documents with at least one span, newest first, up to MOST_TRAINING_CHARACTERS). */
function trainingData(db: Db, annotator: string): TrainingData {
  const annotatorId = annotatorIdByName(db, annotator);
  const keys = new Map(listLabels(db).map((l) => [l.id, l.key]));
  const byDocument = new Map<number, TaggerExample>();
  let spans = 0;
  let characters = 0;
  const places = annotatorId === null ? [] : confirmedPlaces(db, annotatorId);
  // confirmedPlaces is in document order: walked backwards, the newest documents come first.
  for (let i = places.length - 1; i >= 0; i--) {
    const [documentId, start, end, labelId] = places[i]!;
    let example = byDocument.get(documentId);
    if (!example) {
      if (characters >= MOST_TRAINING_CHARACTERS) break;
      byDocument.set(documentId, (example = { text: getDocumentText(db, documentId) ?? '', spans: [] }));
      characters += example.text.length;
    }
    example.spans.push({ start, end, label: keys.get(labelId)! });
    spans++;
  }
  return { examples: [...byDocument.values()], spans, documents: byDocument.size, fingerprint: fingerprint(db, annotatorId) };
}

/** Changes when the coder's confirmed spans or the project's labels change. */
function fingerprint(db: Db, annotatorId: number | null): string {
  const spans = statement(
    db,
    `SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(updated_at), '') FROM annotations WHERE annotator_id = ? AND review_state <> 'rejected'`,
  )
    .pluck()
    .get(annotatorId ?? -1) as string;
  const labels = listLabels(db)
    .map((l) => l.key)
    .sort()
    .join(',');
  return `${annotatorId ?? ''}|${spans}|${labels}`;
}

/** The confirmed span count inside a fingerprint. */
const confirmedCount = (print: string) => Number(print.split('|')[1]?.split(':')[0] ?? 0);

interface Training {
  db: Db;
  progress: number;
  control: JobControl;
}

export class SuggestionModel {
  private training: Training | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastSeen: { fingerprint: string; since: number } | null = null;
  private lastError: string | null = null;

  constructor(private readonly session: ProjectSession) {}

  status(db: Db): ModelStatus {
    const info = readModelInfo(db);
    const labels = info?.labels ?? [];
    const training = this.training?.db === db ? this.training : null;
    const trainedOn = info ? { spans: info.trainedOn.spans, documents: info.trainedOn.documents } : null;
    let state: ModelStatus['state'] = info ? 'ready' : 'none';
    if (training) state = 'training';
    else if (info && (info.trainedOn.fingerprint !== fingerprint(db, annotatorIdByName(db, this.session.annotator())) || !storedTagger(db))) state = 'stale';
    return { state, trainedOn, trainedAt: info?.trainedAt ?? null, version: info?.version ?? null, labels, progress: training ? training.progress : null };
  }

  /** Starts a training unless one runs; answers at once with the status. */
  train(db: Db): ModelStatus {
    if (this.training?.db === db) return this.status(db);
    const data = trainingData(db, this.session.annotator());
    if (data.spans < FEWEST_TRAINING_SPANS)
      throw new ApiFailure(
        'invalid_input',
        `The tagger needs at least ${FEWEST_TRAINING_SPANS} confirmed spans of ${this.session.annotator()} to learn from (there are ${data.spans})`,
      );
    this.start(db, data);
    return this.status(db);
  }

  /** Resolves when the running training (if any) has ended: tests and the CLI. */
  async idle(): Promise<void> {
    while (this.training) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  get error(): string | null {
    return this.lastError;
  }

  private start(db: Db, data: TrainingData): void {
    const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    const training: Training = {
      db,
      progress: 0,
      control: {
        progress: (done, total) => (training.progress = total > 0 ? done / total : 0),
        cancelFlag,
        get cancelled() {
          return Atomics.load(cancelFlag, 0) === 1;
        },
      },
    };
    this.training = training;
    // The confirmed mentions are features too (jackknifed in training, stored in the model, found
    // by tag() in each text): the setting the bench scores best (bench/measures/tagger.ts).
    trainInWorker({ examples: data.examples, options: { seed: 1, dictionary: true } }, training.control)
      .then((result) => {
        // Stored only into the project it was trained on, if that is still open and writable.
        if (this.session.requireWritableDb() !== db) return;
        const trainedAt = nowIso();
        writeModel(db, {
          version: `${trainedAt.replace(/[-:.TZ]/g, '')}-${data.spans}`,
          labels: result.labels,
          trainedOn: { spans: data.spans, documents: data.documents, fingerprint: data.fingerprint },
          trainedAt,
          model: result.model,
        });
        this.lastError = null;
      })
      .catch((error: unknown) => {
        this.lastError = (error as Error).message ?? String(error);
      })
      .finally(() => {
        if (this.training === training) this.training = null;
      });
  }

  /**
   * Background retraining: every few seconds, if the confirmed spans changed since the stored
   * model and then did not change for RETRAIN_DEBOUNCE_MS, train again. Never in the CLI.
   */
  startBackground(debounceMs = RETRAIN_DEBOUNCE_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.checkStale(debounceMs), Math.min(CHECK_EVERY_MS, debounceMs));
    this.timer.unref();
  }

  private checkStale(debounceMs: number): void {
    try {
      const db = this.session.requireWritableDb();
      if (this.training) return;
      const info = readModelInfo(db);
      // The first training is asked for (model:train); from then on the model follows the spans.
      if (!info) return;
      const now = fingerprint(db, annotatorIdByName(db, this.session.annotator()));
      // A model this version cannot read (an older format, damaged bytes) is retrained like a stale one.
      if (info.trainedOn.fingerprint === now && storedTagger(db)) return;
      if (!this.lastSeen || this.lastSeen.fingerprint !== now) {
        this.lastSeen = { fingerprint: now, since: Date.now() };
        return;
      }
      if (Date.now() - this.lastSeen.since < debounceMs) return;
      if (confirmedCount(now) < FEWEST_TRAINING_SPANS) return;
      const data = trainingData(db, this.session.annotator());
      if (data.spans >= FEWEST_TRAINING_SPANS) this.start(db, data);
      this.lastSeen = null;
    } catch {
      // No project, or read-only: nothing to retrain.
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.training) Atomics.store(this.training.control.cancelFlag, 0, 1);
  }
}
