// Opens documents: fetches text and spans together, then hands a fresh DocSession to the reader.
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { callOrThrow } from '../api/client';
import type { DocumentDetail } from '../../../shared/model';
import { DocSession } from '../state/docSession';
import { markOpenStart, perf } from '../state/perf';

interface Options {
  projectPath: string;
  annotator: () => string;
  onError: (message: string) => void;
  onDocument: (doc: DocumentDetail) => void;
}

export function useDocumentSession({ projectPath, annotator, onError, onDocument }: Options) {
  const [session, setSession] = useState<DocSession | null>(null);
  const [loadingId, setLoadingId] = useState<number | null>(null);
  const latest = useRef(0);
  const current = useRef<DocSession | null>(null);
  const deps = useRef({ annotator, onError, onDocument });
  deps.current = { annotator, onError, onDocument };
  const lastKey = `biaozhu.lastDoc:${projectPath}`;

  const open = useCallback(
    async (id: number, onInteractive?: (ms: number) => void, silent = false): Promise<boolean> => {
      const ticket = ++latest.current;
      markOpenStart(id, onInteractive);
      setLoadingId(id);
      try {
        const [doc, anns] = await Promise.all([callOrThrow('documents:get', { id }), callOrThrow('annotations:list', { documentId: id })]);
        if (ticket !== latest.current) return false;
        performance.mark('doc-fetched', { detail: { documentId: id } });
        localStorage.setItem(lastKey, String(id));
        current.current?.dispose();
        const next = new DocSession(doc, anns, {
          annotator: () => deps.current.annotator(),
          onError: (m) => deps.current.onError(m),
          // Span counts in the list may update a frame later; the keypress path stays short.
          onDocument: (d) => startTransition(() => deps.current.onDocument(d)),
        });
        current.current = next;
        setSession(next);
        return true;
      } catch (error) {
        if (silent) return false;
        deps.current.onError(error instanceof Error ? error.message : String(error));
        return false;
      } finally {
        if (ticket === latest.current) setLoadingId(null);
      }
    },
    [lastKey],
  );

  // The benchmark opens documents through this hook so it measures the real path.
  useEffect(() => {
    perf.openDocument = (id) => new Promise<number>((resolve) => void open(id, resolve));
    return () => {
      perf.openDocument = undefined;
    };
  }, [open]);

  // Reopen the document the user was on, so a reload lands where they left off.
  useEffect(() => {
    const last = Number(localStorage.getItem(lastKey));
    if (last > 0) void open(last, undefined, true);
  }, [lastKey, open]);

  return { session, open, loadingId };
}
