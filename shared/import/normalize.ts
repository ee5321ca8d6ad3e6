// Runs the normalization steps in order and composes their maps, so the final text maps exactly
// back to the decoded original. Mojibake is repaired before traditional → simplified conversion
// (the conversion would change the garbled characters whose bytes the repair needs) and pinyin is
// stripped after it (a repaired 區 may be followed by (qū)).
import type { NormalizationStep } from '../api/import';
import type { ImportWarning, OffsetMap, RemovedBlock } from '../model';
import { composeOffsetMaps, identityMap, mapToNormalized, mapToOriginal } from './offset-map';
import { invisibleSpaces, lineEndings, unicodeNfc } from './steps/basic';
import { stripSiteChrome } from './steps/chrome';
import { repairMojibake } from './steps/mojibake';
import { stripPinyin } from './steps/pinyin';
import { rejoinBrokenLines } from './steps/rejoin';
import { traditionalToSimplified } from './steps/t2s';
import type { StepFn } from './steps/types';

export const STEP_ORDER: readonly [NormalizationStep, StepFn][] = [
  ['unicode_nfc', unicodeNfc],
  ['line_endings', lineEndings],
  ['invisible_spaces', invisibleSpaces],
  ['repair_mojibake', repairMojibake],
  ['traditional_to_simplified', traditionalToSimplified],
  ['strip_pinyin', stripPinyin],
  ['strip_site_chrome', stripSiteChrome],
  ['rejoin_broken_lines', rejoinBrokenLines],
];

export interface NormalizeResult {
  text: string;
  offsetMap: OffsetMap;
  /** Steps that ran and changed something, in the order they ran. */
  steps: NormalizationStep[];
  warnings: ImportWarning[];
  removed: RemovedBlock[];
}

export interface NormalizeOptions {
  disabledSteps?: readonly NormalizationStep[];
  /** Called before each step; throws to stop a long import (cancel). */
  checkCancelled?: () => void;
}

function repairedAsFinal(w: ImportWarning, text: string): ImportWarning {
  const to = text.slice(w.start, w.end ?? w.start);
  const from = String(w.params?.from ?? '');
  return { ...w, message: `byte-shifted GBK text "${from}" repaired as "${to}"`, params: { ...w.params, to } };
}

/** Normalizes plain text; offsetMap maps the result back to `original`. */
export function normalizeText(original: string, options: NormalizeOptions = {}): NormalizeResult {
  const disabled = new Set(options.disabledSteps ?? []);
  let text = original;
  let map = identityMap(original.length);
  let warnings: ImportWarning[] = [];
  const removed: RemovedBlock[] = [];
  const steps: NormalizationStep[] = [];
  for (const [name, step] of STEP_ORDER) {
    if (disabled.has(name)) continue;
    options.checkCancelled?.();
    const r = step(text, options.checkCancelled);
    const changed = r.text !== text;
    if (!changed && !r.warnings?.length && !r.removed?.length) continue;
    if (changed) {
      warnings = warnings.map((w) => {
        if (w.start === undefined) return w;
        const moved = mapToNormalized(r.map, w.start, w.end ?? w.start);
        return { ...w, start: moved.start, end: moved.end };
      });
    }
    for (const rm of r.removed ?? []) {
      removed.push({ reason: rm.reason, text: rm.text, originalStart: mapToOriginal(map, rm.start, rm.start).start });
    }
    if (changed) {
      map = composeOffsetMaps(map, r.map);
      text = r.text;
      steps.push(name);
    }
    warnings.push(...(r.warnings ?? []));
  }
  if (removed.length) {
    const reasons = [...new Set(removed.map((r) => r.reason))].join(', ');
    warnings.push({
      kind: 'chrome_removed',
      message: `${removed.length} block(s) of site chrome removed: ${reasons}`,
      code: 'chrome_removed',
      params: { n: removed.length, reasons },
    });
  }
  // A repair is shown as the text it became after the later steps (traditional → simplified, …).
  warnings = warnings.map((w) => (w.kind === 'mojibake_repaired' && w.start !== undefined ? repairedAsFinal(w, text) : w));
  return { text, offsetMap: map, steps, warnings, removed };
}
