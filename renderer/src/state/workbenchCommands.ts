// The workbench's command list (keys, palette and help all read it), built group by group from
// what the workbench can do.
import type { MutableRefObject } from 'react';
import { labelKeys } from '../../../shared/hotkeys';
import { DOCUMENT_STATUSES, type DocumentStatus, type Label } from '../../../shared/model';
import type { Translate } from '../i18n';
import type { ReaderHandle } from '../reader/Reader';
import type { Move } from '../reader/readerSelection';
import type { Command } from './commands';
import type { DocSession } from './docSession';
import { cyclePane, releaseTab, tabReleased } from './paneFocus';
import { resizeSelected, review, stepSpan, tagWith, type ActionContext, type Edge } from './spanActions';
import { suggestionCommands } from '../suggestions/suggestionCommands';
import { entityCommands } from '../entities/entityCommands';
import { openDashboard } from '../dashboard/DashboardLayer';

export type DialogName = 'import' | 'export' | 'labels' | 'palette' | 'help' | 'backups';

export interface CommandDeps {
  t: Translate;
  labelName: (l: Label) => string;
  labels: Label[];
  session: DocSession | null;
  reader: MutableRefObject<ReaderHandle | null>;
  notify: (message: string) => void;
  reviewMode: boolean;
  setReviewMode: (on: boolean) => void;
  openDialog: (name: DialogName) => void;
  openFind: () => void;
  escape: () => boolean;
  zoom: (delta: number | null) => void;
  toggleWordSnap: () => void;
  toggleTheme: () => void;
  toggleLang: () => void;
  toggleOriginal: () => void;
  nextUnfinished: () => void;
  stepDocument: (dir: 1 | -1) => void;
  setStatus: (status: DocumentStatus) => void;
  markDoneAndNext: () => void;
  undo: () => void;
  redo: () => void;
  focusRegion: (region: 'list' | 'reader' | 'panel') => void;
  closeProject: () => void;
}

/** Arrow keys move the caret unless another widget (list, field) has focus. */
const inReader = () => {
  const el = document.activeElement;
  return !el || el === document.body || !!el.closest('.reader-pane');
};
/**
 * Tab is only taken over when the reader itself has focus; elsewhere it moves focus as usual, and
 * after Escape (see paneFocus.ts) it leaves the reader too.
 */
const focusInReader = () => !!document.activeElement?.closest('.reader-content');
const tabStepsSpans = () => focusInReader() && !tabReleased();

/** What the command groups share: the deps, and the span actions' context built from them. */
interface Build {
  d: CommandDeps;
  t: Translate;
  ctx: () => ActionContext;
  hasDoc: () => boolean;
  hasSpan: () => boolean;
}

export function buildCommands(d: CommandDeps): Command[] {
  const { t } = d;
  const b: Build = {
    d,
    t,
    ctx: () => ({ session: d.session, reader: d.reader.current, notify: (m, vars) => d.notify(t(`toast.${m}`, vars)) }),
    hasDoc: () => d.session !== null && d.reader.current !== null,
    hasSpan: () => d.session?.selected != null,
  };
  return [
    ...labelCommands(b),
    ...selectionCommands(b),
    // Before the span keys: Tab, Enter and Backspace act on suggestions when there are some.
    ...suggestionCommands({ t, session: d.session, reader: d.reader, tabInReader: tabStepsSpans, notify: d.notify, error: d.notify }),
    ...spanCommands(b),
    ...entityCommands({ t, labels: d.labels, session: d.session, reviewMode: d.reviewMode, notify: d.notify, error: d.notify }),
    ...reviewCommands(b),
    ...documentCommands(b),
    ...viewCommands(b),
    ...appCommands(b),
  ];
}

/** One command per label, on its keys: tag the selection, or relabel the selected span. */
function labelCommands({ d, t, ctx, hasDoc }: Build): Command[] {
  const keysOf = labelKeys(d.labels);
  return d.labels.map((label) => ({
    id: `label:${label.key}`,
    group: 'spans',
    title: t('cmd.label', { label: `${d.labelName(label)} ${label.key}` }),
    keys: keysOf.get(label.id)!,
    run: () => tagWith(ctx(), label),
    enabled: hasDoc,
  }));
}

const ARROWS: [string, Move, string, string][] = [
  ['Right', 'right', 'cmd.caretRight', 'cmd.extendRight'],
  ['Left', 'left', 'cmd.caretLeft', 'cmd.extendLeft'],
  ['Down', 'down', 'cmd.caretDown', 'cmd.extendDown'],
  ['Up', 'up', 'cmd.caretUp', 'cmd.extendUp'],
];

/** Caret and selection keys in the reader, word snapping, Escape. */
function selectionCommands({ d, t, hasDoc }: Build): Command[] {
  const move = (kind: Move, extend: boolean) => () => d.reader.current?.sel.move(kind, extend);
  const inText = () => hasDoc() && inReader();
  const cmds: Command[] = [];
  for (const [key, kind, caretTitle, extendTitle] of ARROWS) {
    cmds.push({ id: `extend:${kind}`, group: 'select', title: t(extendTitle as never), keys: [`Shift+Arrow${key}`], run: move(kind, true), enabled: inText });
    cmds.push({
      id: `caret:${kind}`,
      group: 'select',
      title: t(caretTitle as never),
      keys: [`Arrow${key}`],
      run: move(kind, false),
      enabled: inText,
      paletteHidden: true,
    });
  }
  cmds.push(
    { id: 'caret:home', group: 'select', title: t('cmd.paraStart'), keys: ['Home'], run: move('home', false), enabled: inText, paletteHidden: true },
    { id: 'caret:end', group: 'select', title: t('cmd.paraEnd'), keys: ['End'], run: move('end', false), enabled: inText, paletteHidden: true },
    { id: 'extend:home', group: 'select', title: t('cmd.paraStart'), keys: ['Shift+Home'], run: move('home', true), enabled: inText, paletteHidden: true },
    { id: 'extend:end', group: 'select', title: t('cmd.paraEnd'), keys: ['Shift+End'], run: move('end', true), enabled: inText, paletteHidden: true },
    { id: 'wordSnap', group: 'select', title: t('cmd.wordSnap'), keys: ['w'], run: d.toggleWordSnap },
    {
      id: 'escape',
      group: 'select',
      title: t('cmd.escape'),
      keys: ['Escape'],
      run: () => {
        // Nothing left to clear: the next Tab leaves the reader.
        if (!d.escape() && focusInReader()) releaseTab();
      },
      global: true,
    },
  );
  return cmds;
}

/** Stepping through spans, deleting and resizing the selected one, undo and redo. */
function spanCommands({ d, t, ctx, hasDoc, hasSpan }: Build): Command[] {
  const edge = (e: Edge) => () => resizeSelected(ctx(), e);
  return [
    { id: 'span:next', group: 'spans', title: t('cmd.nextSpan'), keys: ['j'], run: () => stepSpan(ctx(), 1), enabled: hasDoc },
    { id: 'span:prev', group: 'spans', title: t('cmd.prevSpan'), keys: ['k'], run: () => stepSpan(ctx(), -1), enabled: hasDoc },
    // Tab only steps through spans while the reader has focus, so it still moves focus elsewhere.
    {
      id: 'span:nextTab',
      group: 'spans',
      title: t('cmd.nextSpan'),
      keys: ['Tab'],
      run: () => stepSpan(ctx(), 1),
      enabled: () => hasDoc() && tabStepsSpans(),
      paletteHidden: true,
    },
    {
      id: 'span:prevTab',
      group: 'spans',
      title: t('cmd.prevSpan'),
      keys: ['Shift+Tab'],
      run: () => stepSpan(ctx(), -1),
      enabled: () => hasDoc() && tabStepsSpans(),
      paletteHidden: true,
    },
    {
      id: 'span:delete',
      group: 'spans',
      title: t('cmd.deleteSpan'),
      keys: ['Delete', 'Backspace'],
      run: () => d.session?.selected && d.session.remove(d.session.selected.id),
      enabled: hasSpan,
    },
    { id: 'span:growStart', group: 'spans', title: t('cmd.growStart'), keys: ['['], run: edge('growStart'), enabled: hasSpan },
    { id: 'span:shrinkStart', group: 'spans', title: t('cmd.shrinkStart'), keys: ['{'], run: edge('shrinkStart'), enabled: hasSpan },
    { id: 'span:growEnd', group: 'spans', title: t('cmd.growEnd'), keys: [']'], run: edge('growEnd'), enabled: hasSpan },
    { id: 'span:shrinkEnd', group: 'spans', title: t('cmd.shrinkEnd'), keys: ['}'], run: edge('shrinkEnd'), enabled: hasSpan },
    { id: 'undo', group: 'spans', title: t('cmd.undo'), keys: ['Mod+z'], run: d.undo, enabled: () => d.session !== null },
    { id: 'redo', group: 'spans', title: t('cmd.redo'), keys: ['Mod+Shift+z', 'Mod+y'], run: d.redo, enabled: () => d.session !== null },
  ];
}

function reviewCommands({ d, t, ctx, hasDoc }: Build): Command[] {
  return [
    {
      id: 'review:toggle',
      group: 'review',
      title: t('cmd.review'),
      keys: ['Alt+r'],
      run: () => d.setReviewMode(!d.reviewMode),
      enabled: () => d.session !== null,
    },
    {
      id: 'review:accept',
      group: 'review',
      title: t('cmd.accept'),
      keys: ['a'],
      run: () => review(ctx(), 'accepted'),
      enabled: () => d.reviewMode && hasDoc(),
    },
    {
      id: 'review:reject',
      group: 'review',
      title: t('cmd.reject'),
      keys: ['r'],
      run: () => review(ctx(), 'rejected'),
      enabled: () => d.reviewMode && hasDoc(),
    },
  ];
}

function documentCommands({ d, t }: Build): Command[] {
  return [
    { id: 'doc:nextUnfinished', group: 'documents', title: t('cmd.nextUnfinished'), keys: ['n'], run: d.nextUnfinished },
    { id: 'doc:next', group: 'documents', title: t('cmd.nextDoc'), keys: ['Alt+ArrowDown'], run: () => d.stepDocument(1) },
    { id: 'doc:prev', group: 'documents', title: t('cmd.prevDoc'), keys: ['Alt+ArrowUp'], run: () => d.stepDocument(-1) },
    {
      id: 'doc:done',
      group: 'documents',
      title: t('cmd.markDone'),
      keys: ['Mod+Enter'],
      run: d.markDoneAndNext,
      enabled: () => d.session !== null,
      global: true,
    },
    ...DOCUMENT_STATUSES.map<Command>((s) => ({
      id: `doc:status:${s}`,
      group: 'documents',
      title: t('cmd.status', { status: t(`status.${s}`) }),
      keys: [],
      run: () => d.setStatus(s),
      enabled: () => d.session !== null,
    })),
  ];
}

/** Find, zoom, the original text, moving focus between panes, theme and language. */
function viewCommands({ d, t }: Build): Command[] {
  return [
    { id: 'find', group: 'view', title: t('cmd.find'), keys: ['Mod+f', 'F3'], run: d.openFind, enabled: () => d.session !== null, global: true },
    { id: 'zoomIn', group: 'view', title: t('cmd.zoomIn'), keys: ['Mod+=', 'Mod++'], run: () => d.zoom(1), global: true },
    { id: 'zoomOut', group: 'view', title: t('cmd.zoomOut'), keys: ['Mod+-'], run: () => d.zoom(-1), global: true },
    { id: 'zoomReset', group: 'view', title: t('cmd.zoomReset'), keys: ['Mod+0'], run: () => d.zoom(null), global: true },
    { id: 'original', group: 'view', title: t('cmd.original'), keys: ['Alt+o'], run: d.toggleOriginal, enabled: () => d.session !== null },
    { id: 'focus:list', group: 'view', title: t('cmd.focusList'), keys: ['Alt+1'], run: () => d.focusRegion('list'), global: true },
    { id: 'focus:reader', group: 'view', title: t('cmd.focusReader'), keys: ['Alt+2'], run: () => d.focusRegion('reader'), global: true },
    { id: 'focus:panel', group: 'view', title: t('cmd.focusPanel'), keys: ['Alt+3'], run: () => d.focusRegion('panel'), global: true },
    { id: 'focus:nextPane', group: 'view', title: t('cmd.nextPane'), keys: ['F6'], run: () => cyclePane(1, d.focusRegion), global: true },
    { id: 'focus:prevPane', group: 'view', title: t('cmd.prevPane'), keys: ['Shift+F6'], run: () => cyclePane(-1, d.focusRegion), global: true },
    { id: 'theme', group: 'view', title: t('cmd.theme'), keys: [], run: d.toggleTheme },
    { id: 'language', group: 'view', title: t('cmd.language'), keys: [], run: d.toggleLang },
  ];
}

/** Dialogs and the project. */
function appCommands({ d, t }: Build): Command[] {
  return [
    { id: 'palette', group: 'app', title: t('cmd.palette'), keys: ['Mod+k', 'Mod+Shift+p'], run: () => d.openDialog('palette'), global: true },
    { id: 'help', group: 'app', title: t('cmd.help'), keys: ['?'], run: () => d.openDialog('help') },
    { id: 'import', group: 'app', title: t('cmd.import'), keys: ['Mod+o'], run: () => d.openDialog('import'), global: true },
    { id: 'export', group: 'app', title: t('cmd.export'), keys: ['Mod+Shift+e'], run: () => d.openDialog('export'), global: true },
    { id: 'labels', group: 'app', title: t('cmd.labels'), keys: ['Mod+Shift+l'], run: () => d.openDialog('labels'), global: true },
    { id: 'dashboard', group: 'app', title: t('cmd.dashboard'), keys: ['Alt+g'], run: openDashboard, global: true },
    { id: 'closeProject', group: 'app', title: t('cmd.closeProject'), keys: [], run: d.closeProject },
    { id: 'restoreBackup', group: 'app', title: t('cmd.restoreBackup'), keys: [], run: () => d.openDialog('backups') },
  ];
}
