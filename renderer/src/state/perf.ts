// Performance marks for the benchmark: 'doc-open-start' → 'doc-interactive' per opened document,
// and keypress-to-frame latency of label keys. Read from window.__biaozhuPerf.
export interface PerfRecord {
  /** ms from doc-open-start to doc-interactive, per opened document. */
  opens: { documentId: number; ms: number }[];
  /** ms from a label keydown to the frame showing the new mark. */
  labelKeys: number[];
  /** Opens a document by id and resolves with its open-to-interactive time (set by the workbench). */
  openDocument?: (id: number) => Promise<number>;
}

declare global {
  interface Window {
    __biaozhuPerf?: PerfRecord;
  }
}

export const perf: PerfRecord = { opens: [], labelKeys: [] };
window.__biaozhuPerf = perf;

let pendingOpen: { id: number; resolve?: (ms: number) => void } | null = null;

export function markOpenStart(documentId: number, resolve?: (ms: number) => void): void {
  performance.clearMarks('doc-open-start');
  performance.mark('doc-open-start', { detail: { documentId } });
  pendingOpen = { id: documentId, resolve };
}

export function markPerf(name: 'doc-interactive', documentId: number): void {
  performance.mark(name, { detail: { documentId } });
  if (!pendingOpen || pendingOpen.id !== documentId) return;
  const measure = performance.measure('doc-open', 'doc-open-start', 'doc-interactive');
  perf.opens.push({ documentId, ms: measure.duration });
  pendingOpen.resolve?.(measure.duration);
  pendingOpen = null;
}

/** Records the time from keydown to the end of the next frame (rAF, then the following task). */
export function measureKeyToFrame(startedAt: number): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => perf.labelKeys.push(performance.now() - startedAt);
    channel.port2.postMessage(null);
  });
}
