// The main screen: document list | reader | side panel, with the top bar and dialogs.
import { useCallback, useMemo, useRef, type MutableRefObject } from 'react';
import { callOrThrow } from '../api/client';
import { DialogHost } from '../dialogs/DialogHost';
import { useDocumentList, type ListQuery } from '../hooks/useDocumentList';
import { useDocumentSession } from '../hooks/useDocumentSession';
import { useKeymap } from '../hooks/useKeymap';
import { useLocalStorage } from '../hooks/useLocalStorage';
import { useDocumentNavigation, useSessionActions, useWorkbenchDialogs, useWorkbenchView } from '../hooks/useWorkbenchControls';
import { useI18n } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import type { ProjectInfo } from '../../../shared/model';
import { useAppState } from '../state/appState';
import type { Command } from '../state/commands';
import type { DocSession } from '../state/docSession';
import { projectHealthCommands } from '../state/projectHealth';
import { errorMessage, useToast } from '../state/toasts';
import { buildCommands } from '../state/workbenchCommands';
import { SearchPanel } from '../search/SearchPanel';
import { useCorpusSearch } from '../search/useCorpusSearch';
import { DashboardLayer, useDashboard } from '../dashboard/DashboardLayer';
import { DocumentList } from './DocumentList';
import { ReaderPane } from './ReaderPane';
import { RightPanel } from './RightPanel';
import { TopBar } from './TopBar';

export function Workbench() {
  const app = useAppState();
  const project = app.project!;
  const toast = useToast();
  const { t } = useI18n();
  const [query, setQuery] = useLocalStorage<ListQuery>('biaozhu.docQuery', { sort: 'id', direction: 'asc' });
  const list = useDocumentList(query, toast.error);
  const { session, open, loadingId } = useProjectDocument(project, list, toast.error);
  const reader = useRef<ReaderHandle | null>(null);
  const view = useWorkbenchView();
  const { setShowOriginal, setFindOpen } = view;
  const dialogs = useWorkbenchDialogs(toast.error);
  const hideOriginal = useCallback(() => setShowOriginal(false), [setShowOriginal]);
  const closeFind = useCallback(() => setFindOpen(false), [setFindOpen]);
  const nav = useDocumentNavigation({ session, list, open, onOpen: hideOriginal, toast, t });
  const actions = useSessionActions({ session, reader, findOpen: view.findOpen, closeFind, toast, t });
  const search = useCorpusSearch({ session, reader, openDoc: nav.openDoc, t });
  const dashboard = useDashboard(setQuery);
  const keysActive = dialogs.dialog === null && !dashboard.open;
  const commands = useKeys(useCommandList({ session, reader, view, setDialog: dialogs.setDialog, nav, actions }), search.commands, keysActive);

  const setStatus = actions.setStatus;
  return (
    <div className="app-shell" {...dialogs.fileDrop.handlers}>
      {dialogs.fileDrop.dragging && <DropOverlay />}
      <TopBar onDialog={dialogs.setDialog} reviewMode={view.reviewMode} setReviewMode={view.setReviewMode} hasDocument={session !== null} search={search} />
      <main className="workbench">
        {search.mounted && <SearchPanel search={search} />}
        <DocumentList
          list={list}
          query={query}
          setQuery={setQuery}
          currentId={session?.doc.id ?? null}
          onOpen={(id) => void nav.openDoc(id)}
          onNextUnfinished={() => void nav.nextUnfinished()}
        />
        <ReaderPane
          session={session}
          loading={loadingId !== null}
          reader={reader}
          labels={app.labels}
          labelById={app.labelById}
          wordSnap={view.wordSnap}
          setWordSnap={view.setWordSnap}
          fontSize={view.fontSize}
          zoom={view.zoom}
          findOpen={view.findOpen}
          closeFind={closeFind}
          showOriginal={view.showOriginal}
          setShowOriginal={setShowOriginal}
          setStatus={(s) => void setStatus(s)}
          undo={() => void actions.historyStep('undo')}
          redo={() => void actions.historyStep('redo')}
          notify={toast.info}
        />
        <RightPanel
          session={session}
          reader={reader}
          tab={view.tab}
          setTab={view.setTab}
          reviewMode={view.reviewMode}
          setReviewMode={view.setReviewMode}
          setStatus={(s) => void setStatus(s)}
          filterList={(patch) => setQuery({ ...query, ...patch })}
          openDocument={(id) => void nav.openDoc(id)}
        />
      </main>
      <DialogHost
        dialog={dialogs.dialog}
        close={() => dialogs.setDialog(null)}
        commands={commands}
        onImported={list.reload}
        droppedFiles={dialogs.droppedFiles}
      />
      <DashboardLayer dashboard={dashboard} />
    </div>
  );
}

/** The keymap over the workbench's commands and the corpus search's, one list (the palette and help show it). */
function useKeys(commands: Command[], searchCommands: Command[], active: boolean): Command[] {
  const all = useMemo(() => commands.concat(searchCommands), [commands, searchCommands]);
  useKeymap(all, active);
  return all;
}

/** The open document's session; spans are stored under the project's annotator as it is now, not as it was when the document opened. */
function useProjectDocument(project: ProjectInfo, list: ReturnType<typeof useDocumentList>, onError: (message: string) => void) {
  const annotatorRef = useRef(project.annotator);
  annotatorRef.current = project.annotator;
  return useDocumentSession({
    projectPath: project.path,
    annotator: () => annotatorRef.current,
    onError,
    onDocument: list.patch,
  });
}

function DropOverlay() {
  const { t } = useI18n();
  return (
    <div className="drop-overlay" role="status">
      <p>{t('import.dropWindow')}</p>
    </div>
  );
}

interface CommandListDeps {
  session: DocSession | null;
  reader: MutableRefObject<ReaderHandle | null>;
  view: ReturnType<typeof useWorkbenchView>;
  setDialog: ReturnType<typeof useWorkbenchDialogs>['setDialog'];
  nav: ReturnType<typeof useDocumentNavigation>;
  actions: ReturnType<typeof useSessionActions>;
}

/** The workbench's commands (keys, palette, help), rebuilt when what they act on changes. */
function useCommandList({ session, reader, view, setDialog, nav, actions }: CommandListDeps): Command[] {
  const app = useAppState();
  const toast = useToast();
  const { t, lang, setLang, labelName } = useI18n();
  const { reviewMode, setReviewMode, setFindOpen, setShowOriginal, setWordSnap, zoom } = view;
  const { nextUnfinished, stepDocument } = nav;
  const { setStatus, historyStep, escape } = actions;
  return useMemo(
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
        zoom,
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
        closeProject: () =>
          void callOrThrow('projects:close', {}).then(
            () => app.setProject(null),
            (e) => toast.error(errorMessage(e)),
          ),
      }).concat(projectHealthCommands({ t, project: app.project, setProject: app.setProject, info: toast.info, error: toast.error })),
    [
      t,
      labelName,
      app,
      session,
      reader,
      toast,
      reviewMode,
      setReviewMode,
      setDialog,
      setFindOpen,
      escape,
      zoom,
      setWordSnap,
      setLang,
      lang,
      setShowOriginal,
      nextUnfinished,
      stepDocument,
      setStatus,
      historyStep,
    ],
  );
}
