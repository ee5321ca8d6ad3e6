// Names an undo or redo step in the user's language: its kind and the span's text ("新建标注 张延昆").
import type { HistoryStep } from '../../../shared/api/annotations';
import type { Translate } from './index';

/** A span's text in a toast is cut after this many characters. */
const TEXT_MAX = 24;

export function historyWhat(t: Translate, step: Pick<HistoryStep, 'kind' | 'spanText'>): string {
  const text = step.spanText.replace(/\s+/g, ' ').trim();
  const shown = [...text].length > TEXT_MAX ? `${[...text].slice(0, TEXT_MAX).join('')}…` : text;
  return shown ? `${t(`history.${step.kind}`)} ${shown}` : t(`history.${step.kind}`);
}
