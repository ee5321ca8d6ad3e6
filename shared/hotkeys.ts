// Which keys tag with which label. Shared by the label editor (what it refuses), the API (what it
// stores) and the workbench (what each key does), so the three never disagree.

/** Single keys that commands own. A label hotkey on one of them would take the command over (review's A relabelled instead of accepting). */
export const COMMAND_KEYS: Readonly<Record<string, { zh: string; en: string }>> = {
  a: { zh: '审核：接受', en: 'review: accept' },
  r: { zh: '审核：拒绝', en: 'review: reject' },
  j: { zh: '下一处标注', en: 'next span' },
  k: { zh: '上一处标注', en: 'previous span' },
  n: { zh: '下一篇未完成', en: 'next unfinished document' },
  w: { zh: '按词选择', en: 'word snapping' },
  l: { zh: '关联实体', en: 'link to entity' },
};

export const isCommandKey = (key: string): boolean => Object.hasOwn(COMMAND_KEYS, key);

/**
 * The keys of each label, by id: its own hotkey (unless a command owns it), or else the digit of its
 * place in the bar (1–9) when no label has taken that digit as its own hotkey. A label that chooses
 * a hotkey gives up its place's digit, so setting 7 on the fifth label frees 5.
 */
export function labelKeys(labels: readonly { id: number; hotkey: string | null }[]): Map<number, string[]> {
  const claimed = new Set(labels.map((l) => l.hotkey).filter((k): k is string => k !== null && !isCommandKey(k)));
  const keys = new Map<number, string[]>();
  labels.forEach((label, i) => {
    if (label.hotkey !== null && !isCommandKey(label.hotkey)) keys.set(label.id, [label.hotkey]);
    else if (i < 9 && !claimed.has(String(i + 1))) keys.set(label.id, [String(i + 1)]);
    else keys.set(label.id, []);
  });
  return keys;
}
