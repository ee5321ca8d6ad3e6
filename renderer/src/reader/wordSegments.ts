// Word boundaries per unit from Intl.Segmenter('zh'), for word snapping and word-wise movement.
import type { TextModel } from './textModel';

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;

export class WordBoundaries {
  private readonly cache = new Map<number, number[]>();

  constructor(private readonly model: TextModel) {}

  /** Sorted global offsets where words start or end inside the unit (unit start and end included). */
  of(unit: number): number[] {
    let cached = this.cache.get(unit);
    if (cached) return cached;
    const { start, end } = this.model.units[unit];
    cached = [start];
    if (segmenter) {
      for (const seg of segmenter.segment(this.model.text.slice(start, end))) {
        const b = start + seg.index + seg.segment.length;
        if (b > cached[cached.length - 1]) cached.push(b);
      }
    } else {
      for (let i = start + 1; i <= end; i++) cached.push(i);
    }
    if (cached[cached.length - 1] !== end) cached.push(end);
    this.cache.set(unit, cached);
    return cached;
  }

  /** The nearest boundary at or before (dir -1) / at or after (dir 1) offset within the unit. */
  snap(unit: number, offset: number, dir: -1 | 1): number {
    const bounds = this.of(unit);
    if (dir < 0) {
      for (let i = bounds.length - 1; i >= 0; i--) if (bounds[i] <= offset) return bounds[i];
      return bounds[0];
    }
    for (const b of bounds) if (b >= offset) return b;
    return bounds[bounds.length - 1];
  }

  /** The next boundary strictly after (dir 1) or before (dir -1) offset, or null at the unit edge. */
  step(unit: number, offset: number, dir: -1 | 1): number | null {
    const bounds = this.of(unit);
    if (dir > 0) {
      for (const b of bounds) if (b > offset) return b;
      return null;
    }
    for (let i = bounds.length - 1; i >= 0; i--) if (bounds[i] < offset) return bounds[i];
    return null;
  }
}
