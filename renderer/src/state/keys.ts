// Key specs ('Mod+Shift+Z', 'ArrowLeft', '[') parsed once, matched against keydown events, and
// formatted for display. Mod is Cmd on macOS and Ctrl elsewhere.
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

interface KeySpec {
  key: string;
  mod: boolean;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
}

const cache = new Map<string, KeySpec>();

function parse(spec: string): KeySpec {
  let parsed = cache.get(spec);
  if (parsed) return parsed;
  // 'Mod++' is Mod with the '+' key: a trailing '+' is the key itself, not a separator.
  const plusKey = spec.endsWith('+');
  const parts = (plusKey ? spec.slice(0, -1) : spec).split('+').filter(Boolean);
  const key = plusKey ? '+' : (parts.pop() ?? '');
  parsed = {
    key: key.length === 1 ? key.toLowerCase() : key,
    mod: parts.includes('Mod'),
    ctrl: parts.includes('Ctrl'),
    shift: parts.includes('Shift'),
    alt: parts.includes('Alt'),
  };
  cache.set(spec, parsed);
  return parsed;
}

/** Shift is part of punctuation keys already ('{' is Shift+[), so it is only compared for others. */
const shiftMatters = (key: string) => key.length > 1 || /[a-z0-9]/.test(key);

export function matches(spec: string, e: KeyboardEvent): boolean {
  const s = parse(spec);
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key !== s.key) return false;
  const modPressed = IS_MAC ? e.metaKey : e.ctrlKey;
  if (s.mod !== modPressed) return false;
  if (IS_MAC && s.ctrl !== e.ctrlKey) return false;
  if (!IS_MAC && !s.mod && e.metaKey) return false;
  if (s.alt !== e.altKey) return false;
  if (shiftMatters(s.key) && s.shift !== e.shiftKey) return false;
  return true;
}

const NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  Delete: 'Del',
  Backspace: '⌫',
  Enter: '↵',
};

export function formatKey(spec: string): string {
  const s = parse(spec);
  const parts: string[] = [];
  if (s.mod) parts.push(IS_MAC ? '⌘' : 'Ctrl');
  if (s.ctrl) parts.push('Ctrl');
  if (s.alt) parts.push(IS_MAC ? '⌥' : 'Alt');
  if (s.shift) parts.push(IS_MAC ? '⇧' : 'Shift');
  parts.push(NAMES[s.key] ?? (s.key.length === 1 ? s.key.toUpperCase() : s.key));
  return parts.join(IS_MAC ? '' : '+');
}

/** True when keys typed here belong to a text field, not to the workbench. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(type);
}
