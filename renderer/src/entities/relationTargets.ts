// What the relation picker offers (#23), kept free of the DOM and the API so it is tested alone:
// which types a pair of labels allows (either direction), which spans get a number key, and where
// the arrow keys go.
import type { RelationType } from '../../../shared/api/entities';

export type TypeOption = { type: RelationType; reversed: boolean };

interface Place {
  id: number;
  start: number;
  end: number;
}

/** Types allowed between two labels (by key): a → b first, then those going b → a (the relation is then drawn reversed). */
export function typesBetween(types: readonly RelationType[], a: string, b: string): TypeOption[] {
  const forward = types.filter((t) => t.fromLabelKey === a && t.toLabelKey === b).map((type) => ({ type, reversed: false }));
  const backward = types.filter((t) => t.fromLabelKey === b && t.toLabelKey === a && a !== b).map((type) => ({ type, reversed: true }));
  return [...forward, ...backward];
}

/** Label keys a span of this label can be related to, in either direction. */
export function partnerKeys(types: readonly RelationType[], labelKey: string): Set<string> {
  const out = new Set<string>();
  for (const t of types) {
    if (t.fromLabelKey === labelKey) out.add(t.toLabelKey);
    if (t.toLabelKey === labelKey) out.add(t.fromLabelKey);
  }
  return out;
}

/** The `count` allowed spans nearest the source (by start), in text order: these get the number keys 1–9. */
export function nearestNumbered<T extends Place>(allowed: readonly T[], from: Place, count: number): T[] {
  return [...allowed]
    .sort((a, b) => Math.abs(a.start - from.start) - Math.abs(b.start - from.start) || a.start - b.start || a.id - b.id)
    .slice(0, count)
    .sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
}

/**
 * The arrow keys' next target among the allowed spans (in text order): from the source, the first
 * one after it (→) or the last one before it (←); then one step at a time, stopping at the ends.
 */
export function stepTarget(allowed: readonly Place[], from: Place, cursor: number | null, dir: 1 | -1): number | null {
  if (allowed.length === 0) return null;
  let next: number;
  if (cursor === null) {
    const after = allowed.findIndex((a) => a.start >= from.start);
    next = dir > 0 ? (after === -1 ? allowed.length - 1 : after) : (after === -1 ? allowed.length : after) - 1;
  } else {
    next = cursor + dir;
  }
  return Math.max(0, Math.min(allowed.length - 1, next));
}
