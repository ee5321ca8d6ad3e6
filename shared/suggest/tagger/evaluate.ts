// Span-level exact-match scores: a predicted span counts only with the gold start, end and label.

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

type Span = { start: number; end: number; label: string };

const score = (gold: number, predicted: number, correct: number): Scores => {
  const precision = predicted ? correct / predicted : 0;
  const recall = gold ? correct / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, gold, predicted, correct };
};

/** Micro-averaged overall scores and scores per label, over documents given as pairs of span lists. */
export function spanScores(pairs: { gold: Span[]; predicted: Span[] }[]): { overall: Scores; byLabel: Record<string, Scores> } {
  const counts = new Map<string, [number, number, number]>();
  const count = (label: string) => {
    let c = counts.get(label);
    if (!c) counts.set(label, (c = [0, 0, 0]));
    return c;
  };
  for (const { gold, predicted } of pairs) {
    const keys = new Set(gold.map((s) => `${s.start}:${s.end}:${s.label}`));
    for (const s of gold) count(s.label)[0]++;
    for (const s of predicted) {
      const c = count(s.label);
      c[1]++;
      if (keys.has(`${s.start}:${s.end}:${s.label}`)) c[2]++;
    }
  }
  const byLabel: Record<string, Scores> = {};
  const total = [0, 0, 0];
  for (const [label, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    byLabel[label] = score(c[0], c[1], c[2]);
    c.forEach((v, i) => (total[i] += v));
  }
  return { overall: score(total[0], total[1], total[2]), byLabel };
}
