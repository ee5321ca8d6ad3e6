// 文档列表的筛选标签与区县选择（#24：从仪表盘点击进入列表时显示其筛选）。
import type { enDocFilters } from './en-docfilters';

export const zhDocFilters: Record<keyof typeof enDocFilters, string> = {
  'docs.district': '区县',
  'docs.chips': '当前筛选',
  'docs.chips.remove': '移除筛选 {name}',
  'docs.chips.clearAll': '全部清除',
  'docs.chip.title': '标题',
  'docs.chip.labels': '标签',
  'docs.chip.spanReview': '标注审核',
  'docs.chip.mention': '提及',
  'docs.chip.entity': '实体',
  'docs.chip.unlinked': '未链接实体',
  'docs.chip.withNotes': '{what}（{notes}）',
  'docs.chip.noteSeparator': '，',
  'docs.chip.yes': '是',
  'docs.chip.no': '否',
};
