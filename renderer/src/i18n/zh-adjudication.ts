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
  'adjudication.keys': 'N / Shift+N 下一处 / 上一处 · 1–9 采用某标注员 · B 都采用 · 0 都不采用 · E 修改 · Enter 确认',
  'adjudication.noUnits': '本文档中各标注员完全一致，无需裁定。',
  'adjudication.unit': '第 {n} 处分歧，共 {total} 处',
  'adjudication.decided': '已裁定：{choice}',
  'adjudication.noSpan': '此处无标注',
  'adjudication.both': '都采用',
  'adjudication.neither': '都不采用',
  'adjudication.accept': '确认',
  'adjudication.gold': '金标准：',
  'adjudication.edit': '修改',
  'adjudication.editTitle': '修改此处分歧的金标准标注',
  'adjudication.editHint':
    '在正文中选择文字（鼠标或 Shift+方向键；开始时已选中此处分歧），再按标签的快捷键或点击标签添加。Enter 保存 · Esc 取消 · ⌫ 删除最后一个。',
  'adjudication.editNone': '尚未添加金标准标注。',
  'adjudication.editNoSelection': '请先在正文中选择文字，再按标签的快捷键。',
  'adjudication.editOutside': '所选 [{start}, {end}) 超出了此处分歧（标记的文字）：修改的金标准标注必须在其中。',
  'adjudication.editDuplicate': '相同位置、相同标签的标注已经添加。',
  'adjudication.editEmpty': '尚未添加：请按标签的快捷键添加，或按 Esc 后选 0（都不采用）。',
  'adjudication.editSave': '保存',
  'adjudication.editCancel': '取消',
};
