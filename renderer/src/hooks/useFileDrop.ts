// Files dropped anywhere on the workbench start an import with them: researchers drag folders of
// scraped articles straight from their file manager.
import { useCallback, useRef, useState, type DragEvent } from 'react';
import { pickedFromFiles, type PickedSource } from '../dialogs/importTypes';

export interface FileDrop {
  dragging: boolean;
  handlers: {
    onDragEnter: (e: DragEvent) => void;
    onDragOver: (e: DragEvent) => void;
    onDragLeave: (e: DragEvent) => void;
    onDrop: (e: DragEvent) => void;
  };
}

const carriesFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');

/** `enabled` is false while a dialog is open: the import dialog has its own drop zone. */
export function useFileDrop(enabled: boolean, onFiles: (files: PickedSource[]) => void, onError: (message: string) => void): FileDrop {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child element crossed; count them to know when we left.
  const depth = useRef(0);
  const accept = useCallback((e: DragEvent) => enabled && carriesFiles(e), [enabled]);
  return {
    dragging: enabled && dragging,
    handlers: {
      onDragEnter: (e) => {
        if (!accept(e)) return;
        e.preventDefault();
        depth.current++;
        setDragging(true);
      },
      onDragOver: (e) => {
        if (!accept(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: (e) => {
        if (!accept(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      },
      onDrop: (e) => {
        if (!accept(e)) return;
        e.preventDefault();
        depth.current = 0;
        setDragging(false);
        pickedFromFiles(e.dataTransfer.files).then(
          (picked) => picked.length > 0 && onFiles(picked),
          (error: unknown) => onError(error instanceof Error ? error.message : String(error)),
        );
      },
    },
  };
}
