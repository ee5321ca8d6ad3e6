// Deterministic pseudo-random numbers (mulberry32): the same seed always yields the same corpus.
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  /** A child generator, so one article's randomness does not shift every later article. */
  fork(salt: number): Rng {
    return new Rng(Math.imul(this.state ^ salt, 0x85ebca6b) ^ (salt * 0x27d4eb2f));
  }
}

/** A seeded `() => number` in [0, 1), for code that wants a plain function (the same sequence as Rng). */
export function random(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}
