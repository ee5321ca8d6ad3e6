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
  /** Another coder's span (read-only layer): that coder's colour; null for the spans I edit. */
  foreign?(id: number): string | null;
}

export function parseIds(el: HTMLElement): number[] {
  const raw = el.dataset.ids;
  return raw ? raw.split(' ').map(Number) : [];
}

function stripe(color: string, lane: number, pad: number, dashed: boolean): string {
  const y = `calc(100% - ${pad - lane * LANE_STEP - STRIPE - 1}px)`;
  const image = dashed ? `repeating-linear-gradient(90deg, ${color} 0 5px, transparent 5px 8px)` : `linear-gradient(${color}, ${color})`;
  return `${image} 0 ${y} / 100% ${STRIPE}px no-repeat`;
}

/**
 * One class per distinct mark style, in a stylesheet of our own: a few hundred combinations cover
 * thousands of marks, so each mark costs a class change instead of parsing an inline gradient
 * background, and Blink can share the computed style between marks that look the same.
 */
class MarkStyles {
  private sheet: CSSStyleSheet | null = null;
  private readonly classes = new Map<string, string>();
  private readonly current = new WeakMap<HTMLElement, string>();

  apply(el: HTMLElement, css: string | null): void {
    const name = css === null ? undefined : this.classFor(css);
    // A style the sheet refused (it cannot happen with #rrggbb colours) still shows, inline.
    if (css !== null && name === undefined) el.style.cssText = css;
    else if (el.hasAttribute('style')) el.removeAttribute('style');
    const before = this.current.get(el);
    if (before === name) return;
    if (before) el.classList.remove(before);
    if (name) {
      el.classList.add(name);
      this.current.set(el, name);
    } else {
      this.current.delete(el);
    }
  }

  private classFor(css: string): string | undefined {
    let name = this.classes.get(css);
    if (name) return name;
    if (!this.sheet) {
      this.sheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
    }
    name = `bz-ms${this.classes.size}`;
    try {
      this.sheet.insertRule(`mark.${name} { ${css} }`, this.sheet.cssRules.length);
    } catch {
      return undefined;
    }
    this.classes.set(css, name);
    return name;
  }
}

const markStyles = new MarkStyles();

export function paintMark(el: HTMLElement, ids: number[], src: PaintSource): void {
  el.dataset.ids = ids.join(' ');
  const spans = ids.map((id) => src.span(id)).filter((s): s is Annotation => !!s);
  if (spans.length === 0) {
    markStyles.apply(el, null);
    return;
  }
  let maxLane = 0;
  // Only my spans tint the background: another coder's show as a dashed stripe in their colour.
  let inner: Annotation | null = null;
  let foreignCount = 0;
  for (const s of spans) {
    maxLane = Math.max(maxLane, src.lane(s.id));
    if (src.foreign?.(s.id)) foreignCount++;
    else if (!inner || s.end - s.start < inner.end - inner.start) inner = s;
  }
  const pad = (maxLane + 1) * LANE_STEP;
  const layers: string[] = [];
  for (const s of spans) {
    const coderColor = src.foreign?.(s.id);
    const color = coderColor ?? src.label(s.labelId)?.color ?? '#888888';
    const dashed = !!coderColor || s.reviewState === 'rejected' || (s.origin === 'suggested' && s.reviewState === 'pending');
    layers.push(stripe(color, src.lane(s.id), pad, dashed));
  }
  const tintColor = inner ? (src.label(inner.labelId)?.color ?? '#888888') : 'transparent';
  const selected = src.selectedId !== null && ids.includes(src.selectedId);
  const tintPct = selected ? 'var(--bz-tint-selected)' : 'var(--bz-tint)';
  const tint = !inner || inner.reviewState === 'rejected' ? 'transparent' : `color-mix(in srgb, ${tintColor} ${tintPct}, transparent)`;
  layers.push(`linear-gradient(${tint}, ${tint}) 0 0 / 100% calc(100% - ${pad}px) no-repeat`);
  let css = `background: ${layers.join(', ')}; padding-bottom: ${pad}px;`;
  if (selected) css += ` --bz-sel: ${src.label(src.span(src.selectedId!)!.labelId)?.color ?? '#888888'};`;
  markStyles.apply(el, css);
  el.classList.toggle('is-selected', selected);
  el.classList.toggle(
    'is-rejected',
    spans.every((s) => s.reviewState === 'rejected'),
  );
  el.classList.toggle('is-foreign', foreignCount > 0);
  el.classList.toggle('is-foreign-only', foreignCount === spans.length);
}
