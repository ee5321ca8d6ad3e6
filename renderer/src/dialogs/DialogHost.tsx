// Renders whichever dialog is open; the workbench keymap is off while one is. Each dialog's code
// is loaded the first time it opens, so it does not delay the reader's first paint.
import { lazy, Suspense } from 'react';
import type { DialogName } from '../state/workbenchCommands';
import type { Command } from '../state/commands';
import type { PickedSource } from './importTypes';

const CommandPalette = lazy(() => import('../components/CommandPalette').then((m) => ({ default: m.CommandPalette })));
const HelpOverlay = lazy(() => import('../components/HelpOverlay').then((m) => ({ default: m.HelpOverlay })));
const ExportDialog = lazy(() => import('./ExportDialog').then((m) => ({ default: m.ExportDialog })));
const ImportDialog = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));
const LabelEditorDialog = lazy(() => import('./LabelEditorDialog').then((m) => ({ default: m.LabelEditorDialog })));
const RestoreBackupDialog = lazy(() => import('./RestoreBackupDialog').then((m) => ({ default: m.RestoreBackupDialog })));

interface Props {
  dialog: DialogName | null;
  close: () => void;
  commands: Command[];
  onImported: () => void;
  droppedFiles: PickedSource[];
}

export function DialogHost(props: Props) {
  return (
    <Suspense fallback={null}>
      <OpenDialog {...props} />
    </Suspense>
  );
}

function OpenDialog({ dialog, close, commands, onImported, droppedFiles }: Props) {
  switch (dialog) {
    case 'import':
      return <ImportDialog onClose={close} onImported={onImported} initialSources={droppedFiles} />;
    case 'export':
      return <ExportDialog onClose={close} />;
    case 'labels':
      return <LabelEditorDialog onClose={close} />;
    case 'palette':
      return <CommandPalette commands={commands} onClose={close} />;
    case 'backups':
      return <RestoreBackupDialog onClose={close} />;
    case 'help':
      return <HelpOverlay commands={commands} onClose={close} />;
    default:
      return null;
  }
}
