// Styles <mark> elements from the spans they carry. Each span draws a 2px underline in its label
// colour in its own lane (row), so nested and overlapping spans stack instead of hiding each other;
// the innermost (shortest) span tints the background. Lanes are per span, not per element, so a
// span's underline runs straight across segments and paragraph breaks.
import type { Annotation, Label } from '../../../shared/model';

export const LANE_STEP = 4;
const STRIPE = 2;

export interface PaintSource {
  span(id: number): Annotation | undefined;
  label(id: number): Label | undefined;
  lane(id: number): number;
  selectedId: number | null;
}

export function parseIds(el: HTMLElement): number[] {
  const raw = el.dataset.ids;
  return raw ? raw.split(' ').map(Number) : [];
}

function stripe(color: string, lane: number, pad: number, dashed: boolean): string {
  const y = `calc(100% - ${pad - lane * LANE_STEP - STRIPE - 1}px)`;
  const image = dashed
    ? `repeating-linear-gradient(90deg, ${color} 0 5px, transparent 5px 8px)`
    : `linear-gradient(${color}, ${color})`;
  return `${image} 0 ${y} / 100% ${STRIPE}px no-repeat`;
}

export function paintMark(el: HTMLElement, ids: number[], src: PaintSource): void {
  el.dataset.ids = ids.join(' ');
  const spans = ids.map((id) => src.span(id)).filter((s): s is Annotation => !!s);
  if (spans.length === 0) {
    el.removeAttribute('style');
    return;
  }
  let maxLane = 0;
  let inner = spans[0];
  for (const s of spans) {
    maxLane = Math.max(maxLane, src.lane(s.id));
    if (s.end - s.start < inner.end - inner.start) inner = s;
  }
  const pad = (maxLane + 1) * LANE_STEP;
  const layers: string[] = [];
  for (const s of spans) {
    const color = src.label(s.labelId)?.color ?? '#888888';
    const dashed = s.reviewState === 'rejected' || (s.origin === 'suggested' && s.reviewState === 'pending');
    layers.push(stripe(color, src.lane(s.id), pad, dashed));
  }
  const tintColor = src.label(inner.labelId)?.color ?? '#888888';
  const selected = src.selectedId !== null && ids.includes(src.selectedId);
  const tintPct = selected ? 'var(--bz-tint-selected)' : 'var(--bz-tint)';
  const tint = inner.reviewState === 'rejected' ? 'transparent' : `color-mix(in srgb, ${tintColor} ${tintPct}, transparent)`;
  layers.push(`linear-gradient(${tint}, ${tint}) 0 0 / 100% calc(100% - ${pad}px) no-repeat`);
  el.style.background = layers.join(', ');
  el.style.paddingBottom = `${pad}px`;
  el.classList.toggle('is-selected', selected);
  el.classList.toggle('is-rejected', spans.every((s) => s.reviewState === 'rejected'));
  if (selected) {
    const selColor = src.label(src.span(src.selectedId!)!.labelId)?.color ?? '#888888';
    el.style.setProperty('--bz-sel', selColor);
  } else {
    el.style.removeProperty('--bz-sel');
  }
}
