// Corpus sizes. 'full' is the size the goals are stated for; 'small' runs in CI in a few minutes.
export interface SizeSpec {
  name: string;
  seed: number;
  articles: number;
  /** Mean body length in UTF-16 units (articles vary from 0.3× to 1.7×). */
  meanLength: number;
  /** Spans across the labelled articles. */
  spans: number;
  /** Articles in the import that runs while the API round-trip is measured. */
  busyImportArticles: number;
}

const SIZES: Record<string, Omit<SizeSpec, 'name' | 'seed'>> = {
  small: { articles: 300, meanLength: 3300, spans: 15_000, busyImportArticles: 300 },
  medium: { articles: 5_000, meanLength: 3000, spans: 250_000, busyImportArticles: 2_000 },
  full: { articles: 20_000, meanLength: 3000, spans: 1_000_000, busyImportArticles: 5_000 },
};

export const DEFAULT_SEED = 20240112;

export function sizeSpec(name: string, seed = DEFAULT_SEED, articles?: number): SizeSpec {
  const base = SIZES[name];
  if (!base) throw new Error(`unknown size ${name}; use ${Object.keys(SIZES).join(', ')}`);
  if (!articles) return { name, seed, ...base };
  const scale = articles / base.articles;
  return {
    name: `${name}-${articles}`,
    seed,
    ...base,
    articles,
    spans: Math.round(base.spans * scale),
    busyImportArticles: Math.min(base.busyImportArticles, articles),
  };
}
