// Every import warning carries a code and its values, so the UI words it in the user's language
// (never by parsing the English sentence); a repair names the text it finally became.
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../shared/import/encoding';
import type { ImportWarning } from '../../../shared/model';
import { formatMessage } from '../../../renderer/src/i18n/format';
import { en } from '../../../renderer/src/i18n/en';
import { zh } from '../../../renderer/src/i18n/zh';
import { importSeed } from './helpers';

const seeds = ['000', '001', '002', '003', '004'].map((n) => importSeed(n));
const warnings: ImportWarning[] = seeds.flatMap((s) => s.drafts.flatMap((d) => d.warnings));

describe('import warnings', () => {
  it('all have a code with a message in both languages, filled from their values', () => {
    const damaged = decodeBytes(Buffer.concat([Buffer.from('区委书记王明远调研回龙观社区，'.repeat(20)), Buffer.from([0xff]), Buffer.from('强调。')]));
    const forced = decodeBytes(Buffer.from([0xff, 0xfe, 0x41]), 'big5');
    const all = [...warnings, ...('warnings' in damaged ? damaged.warnings : []), ...('warnings' in forced ? forced.warnings : [])];
    expect(new Set(all.map((w) => w.code))).toEqual(
      new Set(
        ['chrome_removed', 'mojibake_repaired', 'mojibake', 'split_candidate', 'invalid_utf8', 'invalid_forced'].filter((c) => all.some((w) => w.code === c)),
      ),
    );
    expect(all.length).toBeGreaterThan(5);
    for (const w of all) {
      expect(w.code, w.message).toBeTruthy();
      for (const [lang, dict] of [
        ['en', en],
        ['zh-CN', zh],
      ] as const) {
        const text = formatMessage(dict[`warn.${w.code}` as keyof typeof en], w.params, lang);
        expect(text, `${lang} ${w.code}`).not.toMatch(/[{}]/);
      }
    }
    expect(all.some((w) => w.code === 'invalid_utf8' && w.params?.n === 1)).toBe(true);
    expect(formatMessage(en['warn.invalid_utf8'], { n: 1 }, 'en')).toBe('1 place in the file is not valid UTF-8 and became U+FFFD (the file may be damaged).');
  });

  it('say a repaired run became the simplified text the document holds', () => {
    const doc = seeds[2].drafts[0];
    const repairs = doc.warnings.filter((w) => w.code === 'mojibake_repaired');
    expect(repairs.length).toBeGreaterThan(0);
    for (const w of repairs) {
      expect(w.params?.to).toBe(doc.text.slice(w.start, w.end));
      expect(w.message).toContain(`repaired as "${doc.text.slice(w.start, w.end)}"`);
    }
    // The seed is traditional Chinese: the repair reads 地區, and the document (and warning) 地区.
    expect(repairs.some((w) => String(w.params?.to).includes('步地区'))).toBe(true);
    expect(repairs.some((w) => String(w.params?.to).includes('區'))).toBe(false);
  });
});
