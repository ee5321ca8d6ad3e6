// The side pane's Entities tab (#23): the entity panel, opened by its tab, Alt+E or a span's entity
// chip (which opens that entity), with mentions opening in the reader.
import { useEffect, useState } from 'react';
import type { DocSession } from '../state/docSession';
import { EntitiesPanel } from './EntitiesPanel';
import { ENTITIES_EVENT } from './entityCommands';
import { useOpenMention } from './useOpenMention';

/** Opens the tab when asked (Alt+E, an entity chip); returns the entity asked for, if any. */
export function useEntitiesEvent(open: () => void): { entityId: number | null; nonce: number } {
  const [focus, setFocus] = useState({ entityId: null as number | null, nonce: 0 });
  useEffect(() => {
    const onOpen = (e: Event) => {
      const id = (e as CustomEvent<{ entityId?: number } | null>).detail?.entityId ?? null;
      setFocus((f) => ({ entityId: id, nonce: f.nonce + 1 }));
      open();
    };
    window.addEventListener(ENTITIES_EVENT, onOpen);
    return () => window.removeEventListener(ENTITIES_EVENT, onOpen);
  }, [open]);
  return focus;
}

export function EntitiesTab({
  session,
  openDocument,
  focus,
}: {
  session: DocSession | null;
  openDocument: (id: number) => void;
  focus: { entityId: number | null; nonce: number };
}) {
  const openMention = useOpenMention(session, openDocument);
  return <EntitiesPanel key={focus.nonce} session={session} openMention={openMention} initialEntityId={focus.entityId} />;
}
