// Integrity worker thread: the full check and recovery read a whole project, which can take
// seconds; they run here on their own read-only connection, off the thread that answers the UI.
import type { RecoverReport } from '../../../shared/api/projects';
import { runInWorker } from '../app/worker-side';
import { finishBackupFile } from './backup';
import { openUnchecked } from './connection';
import { fileAccess, integrityCheck } from './integrity';
import { recoverProject } from './recover';

export type IntegrityWorkerData =
  | { mode: 'check'; projectPath: string }
  | { mode: 'recover'; projectPath: string; outPath: string }
  /** A backup just written (app/backups.ts): made self-contained and checked, off the main thread. */
  | { mode: 'finish-backup'; backupPath: string };

export type IntegrityWorkerResult =
  | { mode: 'check'; problems: string[] }
  | { mode: 'recover'; report: RecoverReport }
  | ({ mode: 'finish-backup' } & ReturnType<typeof finishBackupFile>);

runInWorker<IntegrityWorkerData, IntegrityWorkerResult>(({ data }) => {
  if (data.mode === 'finish-backup') return { mode: 'finish-backup', ...finishBackupFile(data.backupPath) };
  const { immutable } = fileAccess(data.projectPath);
  if (data.mode === 'recover') return { mode: 'recover', report: recoverProject(data.projectPath, data.outPath, immutable) };
  let db;
  try {
    db = openUnchecked(data.projectPath, immutable);
  } catch (error) {
    return { mode: 'check', problems: [(error as Error).message] };
  }
  try {
    return { mode: 'check', problems: integrityCheck(db) };
  } finally {
    db.close();
  }
});
