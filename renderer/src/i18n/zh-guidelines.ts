// 标注规范（编辑器、提示、快捷键表、规范标签页）和备注的中文文字。
import type { enGuidelines } from './en-guidelines';

export const zhGuidelines: Record<keyof typeof enGuidelines, string> = {
  'panel.guidelines': '规范',
  'guidelines.intro': '每个标签标什么、不标什么，附示例。可在标签编辑器中修改。',
  'guidelines.none': '尚无说明。',
  'guidelines.examples': '示例',
  'guidelines.keys': '按键 {keys}',
  'labels.descriptionZh': '标注说明（中文）',
  'labels.descriptionEn': '标注说明（英文）',
  'labels.examples': '示例，每行一个',
  'labels.exportSchema': '导出标签方案…',
  'labels.importSchema': '导入标签方案…',
  'labels.imported': '已导入标签方案：新增 {created} 个，更新 {updated} 个',
  'help.labels': '标签',
  'notes.span': '备注',
  'notes.spanPlaceholder': '给其他标注员或审核者的备注',
  'notes.document': '文档备注',
  'notes.documentPlaceholder': '关于整篇文档的备注（来源、疑问、决定）',
  'notes.saved': '备注已保存',
  'notes.has': '有备注',
};
