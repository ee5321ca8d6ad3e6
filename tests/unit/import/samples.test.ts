import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../shared/import/normalize';
import { importSample, readSeed, samplesDir } from './helpers';

// Import samples are numbered; other files here (demo-spans.json) belong to the demo project.
const sampleFiles = readdirSync(samplesDir).filter((f) => /^\d\d-/.test(f));

describe('demo samples', () => {
  it.each(sampleFiles)('%s imports cleanly', (name) => {
    const out = importSample(name);
    expect(out.error).toBeNull();
    expect(out.problems).toEqual([]);
    expect(out.drafts.length).toBeGreaterThan(0);
    for (const d of out.drafts) {
      expect(d.text.length).toBeGreaterThan(20);
      expect(d.metadata.title.length).toBeGreaterThan(3);
      expect(d.warnings.filter((w) => w.kind === 'mojibake' || w.kind === 'decode_errors')).toEqual([]);
    }
  });

  it('are all listed in the README', () => {
    const readme = readFileSync(path.join(samplesDir, 'README.md'), 'utf8');
    for (const name of sampleFiles) expect(readme).toContain(`\`${name}\``);
  });

  it('show what each is for', () => {
    expect(importSample('07-district-page.txt').drafts).toHaveLength(3);
    const chrome = importSample('04-mentougou-ecology.txt').drafts[0];
    expect(chrome.removed.map((r) => r.reason)).toEqual(['editor', 'related_links', 'comments']);
    expect(importSample('05-yizhuang-enterprise.txt').drafts[0].text).not.toContain('即将离开');
    expect(importSample('06-haidian-grassroots.txt').drafts[0].text).toContain('不用再绕着小区找车位');
    const traditional = importSample('08-changping-traditional-pinyin.txt').drafts[0];
    expect(traditional.text).toBe(importSample('01-changping-inspection.txt').drafts[0].text);
    expect(traditional.steps).toEqual(['line_endings', 'traditional_to_simplified', 'strip_pinyin']);
  });
});

describe('performance', () => {
  const article = (seed: string) => {
    const text = readSeed(seed);
    return text.repeat(Math.ceil(100_000 / text.length)).slice(0, 100_000);
  };
  // Best of three runs after a warm-up, so a busy machine does not fail the test.
  const time = (text: string) => {
    normalizeText(text);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      normalizeText(text);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };

  it('normalizes a 100,000-character article in well under 100 ms', () => {
    expect(time(article('001'))).toBeLessThan(100);
    expect(time(article('000'))).toBeLessThan(100);
  });

  it('stays fast on traditional text full of pinyin and mojibake', () => {
    expect(time(article('002'))).toBeLessThan(200);
  });
});
