// `biaozhu backups <project>` and `biaozhu restore <project> <backup>`.
import { basename, resolve } from 'node:path';
import type { BackupEntry, BackupList } from '../../shared/api/backups';
import type { ProjectInfo } from '../../shared/model';
import type { Core } from '../services/core';

async function call<T>(core: Core, channel: 'backups:list' | 'backups:restore', input: object): Promise<T> {
  const result = await core.registry.dispatch(channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
}

const count = (n: number | null) => (n === null ? '?' : String(n));

function line(b: BackupEntry): string {
  const what = b.problem
    ? `cannot be restored: ${b.problem}`
    : `${count(b.documentCount)} documents, ${count(b.annotationCount)} spans, schema ${count(b.schemaVersion)}`;
  return `${b.createdAt}  ${b.reason.padEnd(16)}  ${what}\n    ${b.path}`;
}

export async function listBackups(core: Core, json: boolean): Promise<number> {
  const list = await call<BackupList>(core, 'backups:list', {});
  if (json) console.log(JSON.stringify(list, null, 2));
  else {
    const head = list.backups.length === 0 ? `no backups yet (they go to ${list.folder})` : `${list.backups.length} backups in ${list.folder}`;
    console.log([head, ...(list.fallbackNote ? [list.fallbackNote] : []), ...list.backups.map(line)].join('\n'));
  }
  return 0;
}

/** The backup may be named by its path or by its file name alone. */
export async function restoreBackup(core: Core, backup: string | undefined, json: boolean): Promise<number> {
  if (!backup) throw new Error('restore needs a backup: a path or a file name from `biaozhu backups <project>`');
  const list = await call<BackupList>(core, 'backups:list', {});
  const byName = list.backups.find((b) => basename(b.path) === backup);
  const info = await call<ProjectInfo>(core, 'backups:restore', { backupPath: byName ? byName.path : resolve(backup) });
  const kept = (await call<BackupList>(core, 'backups:list', {})).backups.find((b) => b.reason === 'before-restore');
  const text = [
    `restored ${info.path}: ${info.documentCount} documents, ${info.annotationCount} spans`,
    ...(kept ? [`the state before the restore is kept as ${kept.path}`] : []),
  ];
  console.log(json ? JSON.stringify(info, null, 2) : text.join('\n'));
  return 0;
}
