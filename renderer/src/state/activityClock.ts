// Annotation timing (#24): how long the coder worked on the open document and before each span.
// Passive listeners only note when the coder last did something (key, pointer, wheel); time between
// two such moments counts as active unless the gap is over IDLE_GAP_MS. Nothing here runs on the
// keypress path beyond a subtraction, and reports go out at most once a minute and when leaving.
import { IDLE_GAP_MS, MAX_RECORDED_ACTIVE_MS } from '../../../shared/api/timing';

/** How often a working coder's running total is reported (a lost report is made good by the next). */
export const REPORT_EVERY_MS = 60_000;

/** Active time from a stream of activity moments: gaps up to IDLE_GAP_MS count, longer ones are idle. */
export class ActivityClock {
  private last: number | null = null;
  private active = 0;
  private mark = 0;

  /** The coder did something at `at` (ms). A clock that went backwards restarts the gap, never subtracts. */
  touch(at: number): void {
    const last = this.last;
    this.last = at;
    if (last === null) return;
    const gap = at - last;
    if (gap > 0 && gap <= IDLE_GAP_MS) this.active += gap;
  }

  /** Active ms so far. */
  activeMs(): number {
    return this.active;
  }

  /** Active ms since the last edit (or the start), counting `at` as activity; the next lead time starts here. */
  takeLeadTime(at: number): number {
    this.touch(at);
    const lead = this.active - this.mark;
    this.mark = this.active;
    return Math.min(lead, MAX_RECORDED_ACTIVE_MS);
  }

  /** An edit other than a new span (resize, relabel, delete, undo): the next span's lead time starts here. */
  edited(at: number): void {
    this.touch(at);
    this.mark = this.active;
  }
}

const randomSessionId = (): string =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;

/** Sends a running total (timing:record); passed in, so that this file needs no transport. */
export type Report = (input: { documentId: number; sessionId: string; activeMs: number; openedMsAgo: number }) => Promise<unknown>;

/** One opening of one document: its clock and its reports (a running total under one session id). */
export class DocumentTimer {
  readonly clock = new ActivityClock();
  readonly sessionId = randomSessionId();
  private reported = -1;
  private stopped = false;
  private readonly openedAt: number;

  constructor(
    readonly documentId: number,
    private readonly report: Report,
    private readonly now: () => number = Date.now,
  ) {
    this.openedAt = this.now();
    this.clock.touch(this.openedAt); // opening the document is the first activity
  }

  touch(): void {
    this.clock.touch(this.now());
  }

  takeLeadTime(): number {
    return this.clock.takeLeadTime(this.now());
  }

  edited(): void {
    this.clock.edited(this.now());
  }

  /**
   * Reports the running total when it grew; a document opened and left without activity is not
   * reported unless `always` (done: the first done is kept with the time then). Never throws.
   */
  async flush(always = false): Promise<void> {
    const activeMs = this.clock.activeMs();
    if (activeMs === this.reported || (activeMs === 0 && !always)) return;
    this.reported = activeMs;
    const openedMsAgo = Math.min(MAX_RECORDED_ACTIVE_MS, Math.max(0, this.now() - this.openedAt));
    try {
      // A read-only project refuses the write; timing is not worth a message there.
      await this.report({ documentId: this.documentId, sessionId: this.sessionId, activeMs, openedMsAgo });
    } catch {
      this.reported = -1;
    }
  }

  /** The document is left: its last report goes out; later activity belongs to the next document. */
  stop(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.stopped = true;
    if (current === this) current = null;
    return this.flush();
  }
}

let current: DocumentTimer | null = null;
let listening = false;

const onActivity = () => current?.touch();
const onLeave = () => {
  if (document.visibilityState === 'hidden' || !document.hasFocus()) void current?.flush();
};

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  const passive = { capture: true, passive: true } as const;
  for (const type of ['keydown', 'pointerdown', 'wheel'] as const) window.addEventListener(type, onActivity, passive);
  document.addEventListener('visibilitychange', onLeave, passive);
  window.addEventListener('pagehide', () => void current?.flush(), passive);
  // A working coder's total goes out once a minute (only when it grew), so a crash loses at most that.
  setInterval(() => void current?.flush(), REPORT_EVERY_MS);
}

/** Starts timing a newly opened document (the previous one is stopped and reported). */
export function startDocumentTimer(documentId: number, report: Report): DocumentTimer {
  listen();
  void current?.stop();
  // Nothing is sent at the opening: the first report (a minute of work, done, leaving) says when it was.
  const timer = new DocumentTimer(documentId, report);
  current = timer;
  return timer;
}

/** The document being timed, if any (tests and the e2e read it through perf). */
export const currentDocumentTimer = (): DocumentTimer | null => current;
