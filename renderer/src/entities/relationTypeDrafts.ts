// The label editor's relation types (#23), as drafts: what is wrong with one before it is sent
// (an empty or spaced key, a key or name another type has, a label pair naming a label the project
// no longer has, a pair changed under existing relations), which fields changed, and whether a type
// can be deleted (the API refuses while relations of it exist).
import type { RelationType } from '../../../shared/api/entities';
import type { Translate } from '../i18n';

export interface RelationTypeDraft {
  /** null: a type not created yet. */
  id: number | null;
  key: string;
  name: string;
  fromLabelKey: string;
  toLabelKey: string;
}

export type DraftProblem =
  | { code: 'keyEmpty' }
  | { code: 'keySpace' }
  | { code: 'keyTaken'; key: string }
  | { code: 'nameTaken'; name: string }
  | { code: 'labelEmpty'; side: 'from' | 'to' }
  | { code: 'labelMissing'; side: 'from' | 'to'; key: string }
  | { code: 'pairLocked'; count: number; from: string; to: string };

export const toTypeDraft = (t: RelationType): RelationTypeDraft => ({
  id: t.id,
  key: t.key,
  name: t.name === t.key ? '' : t.name,
  fromLabelKey: t.fromLabelKey,
  toLabelKey: t.toLabelKey,
});

export const emptyTypeDraft = (labelKeys: readonly string[]): RelationTypeDraft => ({
  id: null,
  key: '',
  name: '',
  fromLabelKey: labelKeys[0] ?? '',
  toLabelKey: labelKeys[1] ?? labelKeys[0] ?? '',
});

/** The name a type is shown by: its name, or its key when it has none. */
export const shownName = (t: { key: string; name: string }) => t.name.trim() || t.key.trim();

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * What keeps the draft from being saved. `types` are the project's types as stored; `labelKeys` the
 * project's labels. Names are compared without case, as a reader would confuse 提出 and 提出 in a list.
 */
export function draftProblems(draft: RelationTypeDraft, types: readonly RelationType[], labelKeys: ReadonlySet<string>): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const key = draft.key.trim();
  const others = types.filter((t) => t.id !== draft.id);
  if (key === '') problems.push({ code: 'keyEmpty' });
  else if (/\s/u.test(key)) problems.push({ code: 'keySpace' });
  else if (others.some((t) => same(t.key, key))) problems.push({ code: 'keyTaken', key });
  const name = shownName(draft);
  if (name !== '' && !problems.some((p) => p.code === 'keyTaken') && others.some((t) => same(shownName(t), name))) {
    problems.push({ code: 'nameTaken', name });
  }
  for (const side of ['from', 'to'] as const) {
    const label = side === 'from' ? draft.fromLabelKey : draft.toLabelKey;
    if (label === '') problems.push({ code: 'labelEmpty', side });
    else if (!labelKeys.has(label)) problems.push({ code: 'labelMissing', side, key: label });
  }
  const before = types.find((t) => t.id === draft.id);
  if (before && before.relations > 0 && (before.fromLabelKey !== draft.fromLabelKey || before.toLabelKey !== draft.toLabelKey)) {
    problems.push({ code: 'pairLocked', count: before.relations, from: before.fromLabelKey, to: before.toLabelKey });
  }
  return problems;
}

/** The fields to send for an existing type (only those changed); null when nothing changed. */
export function draftChanges(draft: RelationTypeDraft, before: RelationType): Partial<Omit<RelationTypeDraft, 'id'>> | null {
  const changes: Partial<Omit<RelationTypeDraft, 'id'>> = {};
  if (draft.key.trim() !== before.key) changes.key = draft.key.trim();
  // The stored name is the key when none was given: clearing the name means "show the key".
  const name = draft.name.trim() || draft.key.trim();
  if (name !== before.name) changes.name = draft.name.trim();
  if (draft.fromLabelKey !== before.fromLabelKey) changes.fromLabelKey = draft.fromLabelKey;
  if (draft.toLabelKey !== before.toLabelKey) changes.toLabelKey = draft.toLabelKey;
  return Object.keys(changes).length === 0 ? null : changes;
}

/** Deleting a type: asked for when no relation is of it; refused, saying how many, while some are. */
export const deletePlan = (t: RelationType): { kind: 'ask' } | { kind: 'blocked'; relations: number } =>
  t.relations > 0 ? { kind: 'blocked', relations: t.relations } : { kind: 'ask' };

/** Types whose label pair names a label the project no longer has (deleted, or its key changed). */
export const orphanedTypes = (types: readonly RelationType[], labelKeys: ReadonlySet<string>) =>
  types.filter((t) => !labelKeys.has(t.fromLabelKey) || !labelKeys.has(t.toLabelKey));

/** A problem in the user's language. */
export function problemMessage(t: Translate, p: DraftProblem): string {
  const side = 'side' in p ? t(`relationTypes.side.${p.side}`) : '';
  switch (p.code) {
    case 'keyEmpty':
    case 'keySpace':
      return t(`relationTypes.problem.${p.code}`);
    case 'keyTaken':
      return t('relationTypes.problem.keyTaken', { key: p.key });
    case 'nameTaken':
      return t('relationTypes.problem.nameTaken', { name: p.name });
    case 'labelEmpty':
      return t('relationTypes.problem.labelEmpty', { side });
    case 'labelMissing':
      return t('relationTypes.problem.labelMissing', { side, key: p.key });
    case 'pairLocked':
      return t('relationTypes.problem.pairLocked', { count: p.count, from: p.from, to: p.to });
  }
}
