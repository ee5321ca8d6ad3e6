// Drawing a relation (#23): from the selected span, R (or the span detail's button), then the
// target — by its number (the nearest spans a relation type allows are numbered on screen), by
// arrows through every allowed span and Enter, or by a click on it — then the type by number.
// While picking, the keyboard and clicks in the text belong to the picker (capture listeners run
// before the workbench's keymap and the reader's own mouse handling); Escape cancels.
import type { Annotation } from '../../../shared/model';
import type { EntityState } from './entityState';
import { nearestNumbered, stepTarget, type TypeOption } from './relationTargets';

export type { TypeOption };

/** How many of the nearest allowed spans get a number key. */
export const NUMBERED = 9;

export type PickStage =
  | { stage: 'target'; from: Annotation; allowed: Annotation[]; numbered: Annotation[]; cursor: number | null }
  | { stage: 'type'; from: Annotation; to: Annotation; options: TypeOption[] };

export interface PickerHooks {
  /** A label's key by its id (relation types name labels by key). */
  labelKey: (labelId: number) => string | undefined;
  /** Scrolls the reader to a span (the arrow keys' current target). */
  reveal: (span: Annotation) => void;
  notify: (message: PickerNotice, vars?: Record<string, string>) => void;
  error: (message: string) => void;
}

export type PickerNotice = 'noTypes' | 'noTargets' | 'created';

export class RelationPicker {
  stage: PickStage | null = null;
  private disposers: (() => void)[] = [];

  constructor(
    private readonly state: EntityState,
    private readonly hooks: PickerHooks,
  ) {}

  get active(): boolean {
    return this.stage !== null;
  }

  /** Starts picking a target for a relation from this span; false (with a notice) when its label has no relation type. */
  start(from: Annotation): boolean {
    this.cancel();
    const key = this.hooks.labelKey(from.labelId) ?? '';
    const partners = this.state.partnerKeys(key);
    if (partners.size === 0) {
      this.hooks.notify('noTypes');
      return false;
    }
    const allowed = this.state.session.ordered().filter((a) => a.id !== from.id && a.id > 0 && partners.has(this.hooks.labelKey(a.labelId) ?? ''));
    if (allowed.length === 0) {
      this.hooks.notify('noTargets');
      return false;
    }
    const numbered = nearestNumbered(allowed, from, NUMBERED);
    this.stage = { stage: 'target', from, allowed, numbered, cursor: null };
    this.listen();
    this.state.pickerChanged();
    return true;
  }

  cancel(): void {
    for (const d of this.disposers) d();
    this.disposers = [];
    if (this.stage === null) return;
    this.stage = null;
    this.state.pickerChanged();
  }

  /** The target chosen (number, Enter on the arrowed span, or a click): next, the type. */
  pickTarget(to: Annotation): void {
    const s = this.stage;
    if (s?.stage !== 'target') return;
    const options = this.state.typesBetween(this.hooks.labelKey(s.from.labelId) ?? '', this.hooks.labelKey(to.labelId) ?? '');
    if (options.length === 0) return;
    this.stage = { stage: 'type', from: s.from, to, options };
    this.state.pickerChanged();
  }

  /** The type chosen: the relation is created (one undo step) and picking ends. */
  pickType(option: TypeOption): void {
    const s = this.stage;
    if (s?.stage !== 'type') return;
    const [fromId, toId] = option.reversed ? [s.to.id, s.from.id] : [s.from.id, s.to.id];
    this.cancel();
    this.state.createRelation(option.type.id, fromId, toId).then(
      () => this.hooks.notify('created', { type: option.type.name || option.type.key }),
      (e: unknown) => this.hooks.error(e instanceof Error ? e.message : String(e)),
    );
  }

  private moveCursor(dir: 1 | -1): void {
    const s = this.stage;
    if (s?.stage !== 'target') return;
    const next = stepTarget(s.allowed, s.from, s.cursor, dir);
    if (next === null) return;
    this.stage = { ...s, cursor: next };
    this.hooks.reveal(s.allowed[next]);
    this.state.pickerChanged();
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    const s = this.stage;
    if (!s || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape') return this.cancel();
    const digit = /^[1-9]$/.test(e.key) ? Number(e.key) - 1 : -1;
    if (s.stage === 'target') {
      if (digit >= 0 && s.numbered[digit]) this.pickTarget(s.numbered[digit]);
      else if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'Tab') this.moveCursor(e.shiftKey && e.key === 'Tab' ? -1 : 1);
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') this.moveCursor(-1);
      else if (e.key === 'Enter' && s.cursor !== null) this.pickTarget(s.allowed[s.cursor]);
      return;
    }
    if (digit >= 0 && s.options[digit]) this.pickType(s.options[digit]);
    else if (e.key === 'Enter') this.pickType(s.options[0]);
  };

  /** A click on an allowed span in the text picks it; the reader never sees that click. */
  private readonly onPointer = (e: MouseEvent): void => {
    const s = this.stage;
    if (s?.stage !== 'target' || !(e.target instanceof Element)) return;
    const badge = e.target.closest<HTMLElement>('[data-rel-target]');
    const mark = e.target.closest<HTMLElement>('.reader-content mark[data-ids]');
    if (!badge && !mark) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.type !== 'click') return;
    const ids = badge ? [Number(badge.dataset.relTarget)] : (mark!.dataset.ids ?? '').split(' ').map(Number);
    const hits = s.allowed.filter((a) => ids.includes(a.id)).sort((a, b) => a.end - a.start - (b.end - b.start));
    if (hits[0]) this.pickTarget(hits[0]);
  };

  private listen(): void {
    const on = <K extends keyof WindowEventMap>(type: K, fn: (e: WindowEventMap[K]) => void) => {
      window.addEventListener(type, fn, true);
      this.disposers.push(() => window.removeEventListener(type, fn, true));
    };
    on('keydown', this.onKey);
    on('mousedown', this.onPointer);
    on('mouseup', this.onPointer);
    on('click', this.onPointer);
  }
}
