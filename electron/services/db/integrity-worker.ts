// Integrity worker thread: the full check and recovery read a whole project, which can take
// seconds; they run here on their own read-only connection, off the thread that answers the UI.
import type { RecoverReport } from '../../../shared/api/projects';
import { runInWorker } from '../app/worker-side';
import { openUnchecked } from './connection';
import { fileAccess, integrityCheck } from './integrity';
import { recoverProject } from './recover';

export type IntegrityWorkerData = { mode: 'check'; projectPath: string } | { mode: 'recover'; projectPath: string; outPath: string };

export type IntegrityWorkerResult = { mode: 'check'; problems: string[] } | { mode: 'recover'; report: RecoverReport };

runInWorker<IntegrityWorkerData, IntegrityWorkerResult>(({ data }) => {
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
