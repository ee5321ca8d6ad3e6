// One keydown listener for the whole workbench, dispatching to the command list.
import { useEffect, useRef } from 'react';
import type { Command } from '../state/commands';
import { isTypingTarget, matches } from '../state/keys';

export function useKeymap(commands: Command[], active: boolean): void {
  const ref = useRef(commands);
  ref.current = commands;
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const typing = isTypingTarget(e.target);
      for (const cmd of ref.current) {
        if (typing && !cmd.global) continue;
        if (!cmd.keys.some((k) => matches(k, e))) continue;
        if (cmd.enabled && !cmd.enabled()) continue;
        e.preventDefault();
        e.stopPropagation();
        cmd.run();
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}
