// The workbench's state and actions, by concern: the view (zoom, find, original text, review mode,
// panel tab), dialogs and dropped files, moving between documents, and what the open document's
// session does (status, undo/redo, Escape). Workbench.tsx puts them together.
import { useCallback, useState, type MutableRefObject } from 'react';
import type { DocumentStatus } from '../../../shared/model';
import { callOrThrow } from '../api/client';
import type { PickedSource } from '../dialogs/importTypes';
import type { Translate } from '../i18n';
import { historyWhat } from '../i18n/history';
import type { ReaderHandle } from '../reader/Reader';
import type { PanelTab } from '../components/RightPanel';
import type { DocSession } from '../state/docSession';
import { errorMessage } from '../state/toasts';
import type { DialogName } from '../state/workbenchCommands';
import type { DocumentList } from './useDocumentList';
import { useFileDrop } from './useFileDrop';
import { useLocalStorage } from './useLocalStorage';

const ZOOM_DEFAULT = 18;

interface Toasts {
  info: (message: string) => void;
  error: (message: string) => void;
}

/** How the text is shown: zoom, word snapping, find bar, original text, review mode and the side panel's tab. */
export function useWorkbenchView() {
  const [reviewMode, setReviewModeState] = useState(false);
  const [tab, setTab] = useLocalStorage<PanelTab>('biaozhu.panelTab', 'spans');
  const [findOpen, setFindOpen] = useState(false);
  const [showOriginal, setShowOriginal] = useState(false);
  const [wordSnap, setWordSnap] = useLocalStorage('biaozhu.wordSnap', false);
  const [fontSize, setFontSize] = useLocalStorage('biaozhu.fontSize', ZOOM_DEFAULT);
  const setReviewMode = useCallback(
    (on: boolean) => {
      setReviewModeState(on);
      setTab(on ? 'review' : 'spans');
    },
    [setTab],
  );
  /** One step of zoom in (1) or out (-1), or back to the default (null). */
  const zoom = useCallback(
    (delta: number | null) => setFontSize((f) => (delta === null ? ZOOM_DEFAULT : Math.min(32, Math.max(13, f + delta * 2)))),
    [setFontSize],
  );
  return { reviewMode, setReviewMode, tab, setTab, findOpen, setFindOpen, showOriginal, setShowOriginal, wordSnap, setWordSnap, fontSize, zoom };
}

/** The open dialog; files dropped on the window open the import dialog with them. */
export function useWorkbenchDialogs(onError: (message: string) => void) {
  const [dialog, setDialogState] = useState<DialogName | null>(null);
  const [droppedFiles, setDroppedFiles] = useState<PickedSource[]>([]);
  const setDialog = useCallback((next: DialogName | null) => {
    setDroppedFiles([]);
    setDialogState(next);
  }, []);
  const fileDrop = useFileDrop(
    dialog === null,
    (files) => {
      setDialogState('import');
      setDroppedFiles(files);
    },
    onError,
  );
  return { dialog, setDialog, droppedFiles, fileDrop };
}

interface Navigation {
  session: DocSession | null;
  list: DocumentList;
  open: (id: number) => Promise<boolean>;
  onOpen: () => void;
  toast: Toasts;
  t: Translate;
}

/** Opening documents: by id, the next unfinished one, the next or previous in the list. */
export function useDocumentNavigation({ session, list, open, onOpen, toast, t }: Navigation) {
  const openDoc = useCallback(
    async (id: number) => {
      onOpen();
      await open(id);
    },
    [open, onOpen],
  );
  const nextUnfinished = useCallback(async () => {
    try {
      const next =
        (await callOrThrow('documents:nextUnfinished', { afterId: session?.doc.id ?? 0 })) ?? (await callOrThrow('documents:nextUnfinished', { afterId: 0 }));
      if (next && next.id !== session?.doc.id) await openDoc(next.id);
      else toast.info(t('docs.allDone'));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }, [session, openDoc, toast, t]);
  const stepDocument = useCallback(
    async (dir: 1 | -1) => {
      const index = session ? list.indexOf(session.doc.id) : -1;
      const doc = await list.fetchIndex(Math.max(0, index + dir));
      if (doc) await openDoc(doc.id);
    },
    [session, list, openDoc],
  );
  return { openDoc, nextUnfinished, stepDocument };
}

interface SessionActionDeps {
  session: DocSession | null;
  reader: MutableRefObject<ReaderHandle | null>;
  findOpen: boolean;
  closeFind: () => void;
  toast: Toasts;
  t: Translate;
}

/** What the open document's session does from the keyboard and buttons: status, undo/redo, Escape. */
export function useSessionActions({ session, reader, findOpen, closeFind, toast, t }: SessionActionDeps) {
  const setStatus = useCallback(
    async (status: DocumentStatus) => {
      if (!session) return;
      try {
        await session.setStatus(status);
        toast.info(t('toast.statusSet', { status: t(`status.${status}`) }));
      } catch (error) {
        toast.error(errorMessage(error));
      }
    },
    [session, toast, t],
  );
  const historyStep = useCallback(
    async (which: 'undo' | 'redo') => {
      if (!session) return;
      const step = await (which === 'undo' ? session.undo() : session.redo());
      if (step) toast.info(t(which === 'undo' ? 'toast.undone' : 'toast.redone', { what: historyWhat(t, step) }));
      else toast.info(t(which === 'undo' ? 'reader.nothingToUndo' : 'reader.nothingToRedo'));
    },
    [session, toast, t],
  );
  /** Clears the innermost thing open (find bar, text selection, selected span); false when nothing was. */
  const escape = useCallback((): boolean => {
    if (findOpen) {
      closeFind();
      return true;
    }
    const sel = reader.current?.sel;
    if (sel?.range) {
      sel.collapse();
      return true;
    }
    if (session?.selectedId != null) {
      session.select(null);
      return true;
    }
    return false;
  }, [findOpen, closeFind, reader, session]);
  return { setStatus, historyStep, escape };
}
