// 裁定模式的中文文本（#20）。
import type { enAdjudication } from './en-adjudication';

export const zhAdjudication: Record<keyof typeof enAdjudication, string> = {
  'panel.adjudicate': '裁定',
  'adjudication.open': '裁定',
  'adjudication.openHint': '逐处比较各标注员的标注，确定金标准',
  'adjudication.title': '裁定',
  'adjudication.close': '关闭',
  'adjudication.fewCoders': '裁定需要本文档中至少两位标注员的标注。',
  'adjudication.progress': '{decided} / {total}',
  'adjudication.agreed': '所有标注员一致的标注 {n} 处，已入金标准 {gold} 处。',
  'adjudication.keys': 'N / Shift+N 下一处 / 上一处 · 1–9 采用某标注员 · B 都采用 · 0 都不采用 · Enter 确认',
  'adjudication.noUnits': '本文档中各标注员完全一致，无需裁定。',
  'adjudication.unit': '第 {n} 处分歧，共 {total} 处',
  'adjudication.decided': '已裁定：{choice}',
  'adjudication.noSpan': '此处无标注',
  'adjudication.both': '都采用',
  'adjudication.neither': '都不采用',
  'adjudication.accept': '确认',
  'adjudication.gold': '金标准：',
};
