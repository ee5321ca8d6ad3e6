// Renders whichever dialog is open; the workbench keymap is off while one is.
import { CommandPalette } from '../components/CommandPalette';
import { HelpOverlay } from '../components/HelpOverlay';
import type { DialogName } from '../hooks/useWorkbenchCommands';
import type { Command } from '../state/commands';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import type { PickedSource } from './importTypes';
import { LabelEditorDialog } from './LabelEditorDialog';
import { RestoreBackupDialog } from './RestoreBackupDialog';

interface Props {
  dialog: DialogName | null;
  close: () => void;
  commands: Command[];
  onImported: () => void;
  droppedFiles: PickedSource[];
}

export function DialogHost({ dialog, close, commands, onImported, droppedFiles }: Props) {
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
