// “从备份恢复”的中文文字。
import type { enBackups } from './en-backups';

export const zhBackups: Record<keyof typeof enBackups, string> = {
  'cmd.restoreBackup': '从备份恢复…',
  'backups.title': '从备份恢复',
  'backups.intro': '每次导入前、项目升级到新版标注之前，以及项目有改动时每 30 分钟，都会自动备份；每种备份保留最新的 5 份。恢复时，当前状态也会先备份一份。',
  'backups.folder': '备份文件夹：{folder}',
  'backups.none': '还没有备份。下次导入前，或有改动后 30 分钟内，会生成第一份备份。',
  'backups.loading': '正在读取备份…',
  'backups.when': '时间',
  'backups.reason': '原因',
  'backups.documents': '文档',
  'backups.spans': '标注',
  'backups.size': '大小',
  'backups.reason.before-import': '导入前',
  'backups.reason.before-migration': '升级前',
  'backups.reason.scheduled': '定时（30 分钟）',
  'backups.reason.before-restore': '恢复前',
  'backups.restore': '恢复',
  'backups.unusable': '无法恢复：{problem}',
  'backups.confirm': '恢复 {when} 的备份？项目将回到 {documents} 篇文档、{spans} 个标注；此后的所有改动都会被替换，当前状态会先备份一份。',
  'backups.confirmButton': '恢复这份备份',
  'backups.restoring': '正在恢复…',
  'backups.restored': '已恢复 {when} 的备份：{documents} 篇文档，{spans} 个标注。',
};
