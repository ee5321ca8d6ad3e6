// Every workbench action is a command: the keymap, the command palette and the help overlay all
// read the same list, so a key shown anywhere is the key that works.
export type CommandGroup = 'select' | 'spans' | 'review' | 'documents' | 'view' | 'app';

export interface Command {
  id: string;
  group: CommandGroup;
  title: string;
  keys: string[];
  run: () => void;
  /** When false the command is skipped by the keymap and greyed in the palette. */
  enabled?: () => boolean;
  /** Also fires while typing in a text field (e.g. Escape, the palette). */
  global?: boolean;
  /** Keep out of the palette (caret movement). */
  paletteHidden?: boolean;
}

export const GROUP_ORDER: CommandGroup[] = ['spans', 'select', 'review', 'documents', 'view', 'app'];
