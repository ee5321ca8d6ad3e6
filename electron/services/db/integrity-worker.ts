// Integrity worker thread: the full check and recovery read a whole project, which can take
// seconds; they run here on their own read-only connection, off the thread that answers the UI.
import type { RecoverReport } from '../../../shared/api/projects';
import { runInWorker } from '../app/worker-side';
import { copyProject, finishBackupFile, restoreInto } from './backup';
import { openUnchecked } from './connection';
import { fileAccess, integrityCheck } from './integrity';
import { recoverProject } from './recover';

export type IntegrityWorkerData =
  | { mode: 'check'; projectPath: string }
  | { mode: 'recover'; projectPath: string; outPath: string }
  /** Backups (app/backups.ts): copied, made self-contained and checked, or put back, off the main thread. */
  | { mode: 'backup'; projectPath: string; backupPath: string }
  | { mode: 'restore'; backupPath: string; projectPath: string };

export type IntegrityWorkerResult =
  | { mode: 'check'; problems: string[] }
  | { mode: 'recover'; report: RecoverReport }
  /** copyError: the project could not be copied at all; otherwise what the copy's check found. */
  | ({ mode: 'backup'; copyError: string | null } & ReturnType<typeof finishBackupFile>)
  | { mode: 'restore' };

async function backUp(projectPath: string, backupPath: string): Promise<IntegrityWorkerResult> {
  try {
    await copyProject(projectPath, backupPath);
  } catch (error) {
    return { mode: 'backup', copyError: (error as Error).message, problems: [], summary: null };
  }
  return { mode: 'backup', copyError: null, ...finishBackupFile(backupPath) };
}

runInWorker<IntegrityWorkerData, IntegrityWorkerResult>(async ({ data }) => {
  if (data.mode === 'backup') return backUp(data.projectPath, data.backupPath);
  if (data.mode === 'restore') {
    await restoreInto(data.backupPath, data.projectPath);
    return { mode: 'restore' };
  }
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
