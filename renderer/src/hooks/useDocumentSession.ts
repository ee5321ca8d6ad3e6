// Opens documents: fetches text and spans together, then hands a fresh DocSession to the reader.
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { callOrThrow } from '../api/client';
import type { DocumentDetail } from '../../../shared/model';
import { DocSession } from '../state/docSession';
import { markOpenStart, perf } from '../state/perf';
import { lastOpenDocument, rememberOpenDocument, takeStartupDocument } from '../state/startupRequests';

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

  const open = useCallback(
    async (id: number, onInteractive?: (ms: number) => void, silent = false): Promise<boolean> => {
      const ticket = ++latest.current;
      markOpenStart(id, onInteractive);
      setLoadingId(id);
      try {
        // A reopen at startup usually finds its answer already on the way (startupRequests.ts).
        const opened = (await takeStartupDocument(projectPath, id)) ?? (await fetchDocumentOrThrow(id));
        if (ticket !== latest.current) return false;
        performance.mark('doc-fetched', { detail: { documentId: id } });
        rememberOpenDocument(projectPath, id);
        current.current?.dispose();
        const next = new DocSession(opened.doc, opened.annotations, {
          annotator: () => deps.current.annotator(),
          projectPath,
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
    [projectPath],
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
    const last = lastOpenDocument(projectPath);
    if (last !== null) void open(last, undefined, true);
  }, [projectPath, open]);

  return { session, open, loadingId };
}

async function fetchDocumentOrThrow(id: number) {
  const [doc, annotations] = await Promise.all([callOrThrow('documents:get', { id }), callOrThrow('annotations:list', { documentId: id })]);
  return { doc, annotations };
}
