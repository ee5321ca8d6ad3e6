// The label editor's pure steps: a label as an editable draft, a fresh draft, the fields a draft saves, and a reordering.
import type { Label } from '../../../shared/model';
import type { LabelDraft } from './LabelForm';

const PALETTE = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#c2255c', '#5c940d'];

export const toDraft = (l: Label): LabelDraft => ({
  id: l.id,
  key: l.key,
  nameZh: l.nameZh,
  nameEn: l.nameEn,
  color: l.color,
  hotkey: l.hotkey,
  attributes: l.attributes,
  descriptionZh: l.descriptionZh,
  descriptionEn: l.descriptionEn,
  examples: l.examples,
});

/** A new label: the next colour of the palette, and the first free hotkey of 5–9. */
export function newDraft(labels: Label[]): LabelDraft {
  const used = new Set(labels.map((l) => l.hotkey));
  const hotkey = ['5', '6', '7', '8', '9'].find((k) => !used.has(k)) ?? null;
  return {
    id: null,
    key: 'NEW',
    nameZh: '',
    nameEn: '',
    color: PALETTE[labels.length % PALETTE.length],
    hotkey,
    attributes: [],
    descriptionZh: '',
    descriptionEn: '',
    examples: [],
  };
}

/** What labels:create / labels:update receive: descriptions trimmed, blank examples dropped. */
export const draftFields = (draft: LabelDraft) => ({
  key: draft.key,
  nameZh: draft.nameZh,
  nameEn: draft.nameEn,
  color: draft.color,
  hotkey: draft.hotkey,
  attributes: draft.attributes,
  descriptionZh: draft.descriptionZh.trim(),
  descriptionEn: draft.descriptionEn.trim(),
  examples: draft.examples.map((e) => e.trim()).filter(Boolean),
});

/** The label ids with `id` moved one place up (-1) or down (1); null when it is already at that end. */
export function movedIds(labels: Label[], id: number, dir: -1 | 1): number[] | null {
  const ids = labels.map((l) => l.id);
  const i = ids.indexOf(id);
  const j = i + dir;
  if (j < 0 || j >= ids.length) return null;
  [ids[i], ids[j]] = [ids[j], ids[i]];
  return ids;
}
