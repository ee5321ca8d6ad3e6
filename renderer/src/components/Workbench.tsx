// The main screen: document list | reader | side panel, with the top bar and dialogs.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { DocumentStatus } from '../../../shared/model';
import { callOrThrow } from '../api/client';
import { DialogHost } from '../dialogs/DialogHost';
import type { PickedSource } from '../dialogs/importTypes';
import { useDocumentList, type ListQuery } from '../hooks/useDocumentList';
import { useDocumentSession } from '../hooks/useDocumentSession';
import { useFileDrop } from '../hooks/useFileDrop';
import { useKeymap } from '../hooks/useKeymap';
import { useLocalStorage } from '../hooks/useLocalStorage';
import { buildCommands, type DialogName } from '../hooks/useWorkbenchCommands';
import { useI18n } from '../i18n';
import { historyWhat } from '../i18n/history';
import type { ReaderHandle } from '../reader/Reader';
import { useAppState } from '../state/appState';
import { projectHealthCommands } from '../state/projectHealth';
import { errorMessage, useToast } from '../state/toasts';
import { DocumentList } from './DocumentList';
import { ReaderPane } from './ReaderPane';
import { RightPanel, type PanelTab } from './RightPanel';
import { TopBar } from './TopBar';

const ZOOM_DEFAULT = 18;

export function Workbench() {
  const app = useAppState();
  const project = app.project!;
  const toast = useToast();
  const { t, lang, setLang, labelName } = useI18n();
  const [query, setQuery] = useLocalStorage<ListQuery>('biaozhu.docQuery', { sort: 'id', direction: 'asc' });
  const list = useDocumentList(query, toast.error);
  const annotatorRef = useRef(project.annotator);
  annotatorRef.current = project.annotator;
  const { session, open, loadingId } = useDocumentSession({
    projectPath: project.path,
    annotator: () => annotatorRef.current,
    onError: toast.error,
    onDocument: list.patch,
  });
  const reader = useRef<ReaderHandle | null>(null);
  const [dialog, setDialogState] = useState<DialogName | null>(null);
  const [droppedFiles, setDroppedFiles] = useState<PickedSource[]>([]);
  const setDialog = useCallback((next: DialogName | null) => {
    setDroppedFiles([]);
    setDialogState(next);
  }, []);
  const fileDrop = useFileDrop(dialog === null, (files) => {
    setDialogState('import');
    setDroppedFiles(files);
  }, toast.error);
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

  const openDoc = useCallback(
    async (id: number) => {
      setShowOriginal(false);
      await open(id);
    },
    [open],
  );

  const nextUnfinished = useCallback(async () => {
    try {
      const next =
        (await callOrThrow('documents:nextUnfinished', { afterId: session?.doc.id ?? 0 })) ??
        (await callOrThrow('documents:nextUnfinished', { afterId: 0 }));
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

  const escape = useCallback((): boolean => {
    if (findOpen) {
      setFindOpen(false);
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
  }, [findOpen, session]);

  const commands = useMemo(
    () =>
      buildCommands({
        t,
        labelName,
        labels: app.labels,
        session,
        reader,
        notify: toast.info,
        reviewMode,
        setReviewMode,
        openDialog: setDialog,
        openFind: () => {
          setFindOpen(true);
          requestAnimationFrame(() => (document.querySelector('.find-input') as HTMLInputElement | null)?.select());
        },
        escape,
        zoom: (delta) => setFontSize((f) => (delta === null ? ZOOM_DEFAULT : Math.min(32, Math.max(13, f + delta * 2)))),
        toggleWordSnap: () => setWordSnap((w) => !w),
        toggleTheme: () => app.setTheme(app.theme === 'dark' ? 'light' : 'dark'),
        toggleLang: () => setLang(lang === 'zh' ? 'en' : 'zh'),
        toggleOriginal: () => setShowOriginal((v) => !v),
        nextUnfinished: () => void nextUnfinished(),
        stepDocument: (dir) => void stepDocument(dir),
        setStatus: (s) => void setStatus(s),
        markDoneAndNext: () => void setStatus('done').then(nextUnfinished),
        undo: () => void historyStep('undo'),
        redo: () => void historyStep('redo'),
        focusRegion: (region) => {
          const selector = region === 'list' ? '#doc-list' : region === 'reader' ? '.reader-content' : '.right-panel [role="tab"][aria-selected="true"]';
          (document.querySelector(selector) as HTMLElement | null)?.focus();
        },
        closeProject: () => void callOrThrow('projects:close', {}).then(() => app.setProject(null), (e) => toast.error(errorMessage(e))),
      }).concat(projectHealthCommands({ t, project: app.project, setProject: app.setProject, info: toast.info, error: toast.error })),
    [t, labelName, app, session, toast, reviewMode, setReviewMode, escape, setFontSize, setWordSnap, setLang, lang, nextUnfinished, stepDocument, setStatus, historyStep, setDialog],
  );
  useKeymap(commands, dialog === null);

  return (
    <div className="app-shell" {...fileDrop.handlers}>
      {fileDrop.dragging && (
        <div className="drop-overlay" role="status">
          <p>{t('import.dropWindow')}</p>
        </div>
      )}
      <TopBar onDialog={setDialog} reviewMode={reviewMode} setReviewMode={setReviewMode} hasDocument={session !== null} />
      <main className="workbench">
        <DocumentList list={list} query={query} setQuery={setQuery} currentId={session?.doc.id ?? null} onOpen={(id) => void openDoc(id)} onNextUnfinished={() => void nextUnfinished()} />
        <ReaderPane
          session={session}
          loading={loadingId !== null}
          reader={reader}
          labels={app.labels}
          labelById={app.labelById}
          wordSnap={wordSnap}
          setWordSnap={setWordSnap}
          fontSize={fontSize}
          zoom={(d) => setFontSize((f) => (d === null ? ZOOM_DEFAULT : Math.min(32, Math.max(13, f + d * 2))))}
          findOpen={findOpen}
          closeFind={() => setFindOpen(false)}
          showOriginal={showOriginal}
          setShowOriginal={setShowOriginal}
          setStatus={(s) => void setStatus(s)}
          undo={() => void historyStep('undo')}
          redo={() => void historyStep('redo')}
          notify={toast.info}
        />
        <RightPanel session={session} reader={reader} tab={tab} setTab={setTab} reviewMode={reviewMode} setReviewMode={setReviewMode} setStatus={(s) => void setStatus(s)} filterList={(patch) => setQuery({ ...query, ...patch })} />
      </main>
      <DialogHost dialog={dialog} close={() => setDialog(null)} commands={commands} onImported={list.reload} droppedFiles={droppedFiles} />
    </div>
  );
}
