// Entry of the export job's thread (started by runWorker, see service.ts): runs exportProject.
import { runInWorker } from '../app/worker-side';
import { exportProject, type ExportWorkerData } from './export-project';
import type { ExportReport } from '../../../shared/api/export';

runInWorker<ExportWorkerData, ExportReport>(exportProject);
