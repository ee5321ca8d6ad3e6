// Export output files. A file first written by the current document (a brat .txt or .ann) collects
// that document's text and is written whole and closed when the document ends. Files that many
// documents write to (one JSONL, one CoNLL file per split) go through a byte buffer: each chunk is
// encoded as it arrives, so the exporters' concatenated strings die young instead of piling up for
// the garbage collector, and the disk sees a few large writes. Only the most recently written few
// files stay open: brat writes two files per document, and open-file limits are low (256 on macOS).
// Exports whose files are each written whole once (brat) hand them over in batches instead, to be
// created by a thread of their own (see file-writer.ts).
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApiFailure } from '../../../shared/api/result';
import { ensureFolder } from '../app/safe-folders';
import { FileBatchBuilder, type FileBatch } from './file-writer';
import { conflictMessage, createFlags, writeWholeFile } from './target';

const BUFFER_BYTES = 1 << 20;
const MAX_OPEN = 8;
/** UTF-8 needs at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;

interface OutputFile {
  fd: number | null;
  /** Text of a file created by the current document, written at its end. */
  pending: (string | Uint8Array)[] | null;
  buffer: Buffer | null;
  used: number;
}

export class OutputFiles {
  private readonly live = new Map<string, OutputFile>();
  private readonly created = new Set<string>();
  private readonly folders = new Set<string>();
  /** The outermost folders this export created: removed again when the export fails. */
  private readonly createdRoots: string[] = [];
  private closed = false;
  private createdByDocument: string[] = [];
  private openCount = 0;
  readonly written: string[] = [];
  /** With `handOff`: files finished and not yet taken (see takeBatch). */
  private readonly batch: FileBatchBuilder | null;
  /** open(2) flags that create a file (see createFlags). */
  readonly createFlags: number;

  /**
   * `base` is the output file, or the output folder when `folder` is set. With `handOff`, a file
   * is collected into a batch when its document ends instead of written here; every file must then
   * be written by one document only. Without `overwrite` an existing file is never replaced.
   */
  constructor(
    private readonly base: string,
    private readonly folder: boolean,
    { handOff = false, overwrite = false } = {},
  ) {
    this.batch = handOff ? new FileBatchBuilder() : null;
    this.createFlags = createFlags(overwrite);
  }

  /**
   * An empty first chunk still creates its file: brat wants an .ann beside every .txt, spans or
   * not. Bytes may be an exporter's own buffer (see ExportChunk): they are copied or written before
   * the exporter runs again, since endDocument comes first.
   */
  write(relative: string, text: string | Uint8Array): void {
    const path = this.folder ? join(this.base, relative || 'export') : relative === '' ? this.base : join(dirname(this.base), relative);
    let file = this.live.get(path);
    if (file === undefined) {
      // With hand-off every file that is no longer live was handed over whole.
      if (this.batch && this.created.has(path)) throw new Error(`${path} was handed over whole: it cannot be written again`);
      if (text.length === 0 && this.created.has(path)) return;
      const isNew = !this.created.has(path);
      if (isNew) {
        const folder = dirname(path);
        if (!this.folders.has(folder)) {
          // Checked level by level: a recursive mkdir under /proc never returns.
          const made = ensureFolder(folder);
          if (made) this.createdRoots.push(made);
          this.folders.add(folder);
        }
        this.created.add(path);
        this.written.push(path);
        this.createdByDocument.push(path);
      }
      file = { fd: null, pending: isNew ? [] : null, buffer: null, used: 0 };
    } else {
      this.live.delete(path); // re-inserted below: the map's order is recency order
    }
    this.live.set(path, file);
    if (text.length === 0) return;
    if (file.pending) {
      file.pending.push(text);
      return;
    }
    const buffer = (file.buffer ??= Buffer.allocUnsafeSlow(BUFFER_BYTES));
    const worstCase = typeof text === 'string' ? text.length * MAX_BYTES_PER_UNIT : text.length;
    if (worstCase > buffer.length - file.used) this.flushBuffer(path, file);
    if (worstCase > buffer.length) this.writeNow(path, file, text);
    else if (typeof text === 'string') file.used += buffer.write(text, file.used, 'utf8');
    else {
      buffer.set(text, file.used);
      file.used += text.length;
    }
  }

  /** Writes and closes the files the document just finished created. */
  endDocument(): void {
    for (const path of this.createdByDocument) {
      const file = this.live.get(path);
      if (!file) continue;
      this.flushPending(path, file);
      this.closeFile(file);
      this.live.delete(path);
    }
    this.createdByDocument = [];
  }

  /** Writes (or with hand-off, collects) what is left. Throws when a write fails; close(false) then removes what was written. */
  finish(): void {
    for (const [path, file] of this.live) {
      this.flushPending(path, file);
      this.flushBuffer(path, file);
    }
  }

  /** With hand-off: the files finished since the last call, or null (see FileBatchBuilder.take). */
  takeBatch(spare?: ArrayBuffer): FileBatch | null {
    return this.batch?.take(spare) ?? null;
  }

  /**
   * Closes everything. When the export failed or was cancelled, the files it wrote are removed: a
   * half-written corpus must not pass for a whole one. Call finish() first when it is complete.
   */
  close(complete: boolean): void {
    if (this.closed) return; // the worker's finally closes again after a successful export
    this.closed = true;
    try {
      for (const file of this.live.values()) this.closeFile(file);
    } finally {
      this.live.clear();
      if (!complete) this.removeWritten();
    }
  }

  /** `path` turned out to exist already (created by someone else after the export's check): it is not ours to remove. */
  forget(path: string): void {
    const at = this.written.indexOf(path);
    if (at >= 0) this.written.splice(at, 1);
  }

  /** Best effort: the export's own error is what the user needs to see, not a failed clean-up. */
  private removeWritten(): void {
    const remove = (path: string, recursive: boolean) => {
      try {
        rmSync(path, { recursive, force: true });
      } catch {
        // e.g. a folder the user had where a file was to be written: left as it was
      }
    };
    for (const path of this.written) remove(path, false);
    for (const folder of this.createdRoots) remove(folder, true);
  }

  /** A new file's first text creates (or truncates) it: one open per brat file. */
  private flushPending(path: string, file: OutputFile): void {
    if (!file.pending) return;
    const pieces = file.pending;
    file.pending = null;
    if (this.batch) return this.batch.add(path, pieces);
    const bytes = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces.map((piece) => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece)));
    try {
      writeWholeFile(path, bytes, this.createFlags);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      this.forget(path);
      throw new ApiFailure('conflict', conflictMessage(path), { path });
    }
  }

  private flushBuffer(path: string, file: OutputFile): void {
    if (!file.buffer || file.used === 0) return;
    writeSync(this.open(path, file), file.buffer, 0, file.used);
    file.used = 0;
  }

  private writeNow(path: string, file: OutputFile, text: string | Uint8Array): void {
    const fd = this.open(path, file);
    if (typeof text === 'string') writeSync(fd, text);
    else writeSync(fd, text, 0, text.length);
  }

  private open(path: string, file: OutputFile): number {
    if (file.fd === null) {
      if (this.openCount >= MAX_OPEN) this.closeLeastRecent();
      file.fd = openSync(path, 'a');
      this.openCount++;
    }
    return file.fd;
  }

  private closeFile(file: OutputFile): void {
    if (file.fd === null) return;
    closeSync(file.fd);
    file.fd = null;
    this.openCount--;
  }

  private closeLeastRecent(): void {
    for (const file of this.live.values()) {
      if (file.fd !== null) return this.closeFile(file);
    }
  }
}
