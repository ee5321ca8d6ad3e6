// The whole API: one typed handler map per feature, merged. Main, preload, browser server and
// renderer all derive from this file, so a channel cannot exist on one side only.
import type { z } from 'zod';
import { adjudicationInputs, type AdjudicationApi } from './adjudication';
import { agreementInputs, type AgreementApi } from './agreement';
import { annotationsInputs, type AnnotationsApi } from './annotations';
import { backupsInputs, type BackupsApi } from './backups';
import { codersInputs, type CodersApi } from './coders';
import { dashboardInputs, type DashboardApi } from './dashboard';
import { documentsInputs, type DocumentsApi } from './documents';
import { entitiesInputs, type EntitiesApi } from './entities';
import { exportInputs, type ExportApi } from './export';
import { filesInputs, type FilesApi } from './files';
import { importInputs, type ImportApi } from './import';
import { jobsInputs, type JobsApi } from './jobs';
import { labelsInputs, type LabelsApi } from './labels';
import { layersInputs, type LayersApi } from './layers';
import { projectsInputs, type ProjectsApi } from './projects';
import { searchInputs, type SearchApi } from './search';
import { suggestionsInputs, type SuggestionsApi } from './suggestions';
import { timingInputs, type TimingApi } from './timing';
import type { Result } from './result';

export type BiaozhuApi = ProjectsApi &
  DocumentsApi &
  AnnotationsApi &
  LabelsApi &
  ImportApi &
  ExportApi &
  JobsApi &
  BackupsApi &
  FilesApi &
  AgreementApi &
  CodersApi &
  LayersApi &
  AdjudicationApi &
  SearchApi &
  SuggestionsApi &
  EntitiesApi &
  DashboardApi &
  TimingApi;
export type Channel = keyof BiaozhuApi;
export type ApiInput<K extends Channel> = Parameters<BiaozhuApi[K]>[0];
export type ApiOutput<K extends Channel> = Awaited<ReturnType<BiaozhuApi[K]>>;

/** What crosses the process boundary: every call answers with a Result. */
export type BiaozhuBridge = { [K in Channel]: (input: ApiInput<K>) => Promise<Result<ApiOutput<K>>> };

export const apiInputs = {
  ...projectsInputs,
  ...documentsInputs,
  ...annotationsInputs,
  ...labelsInputs,
  ...importInputs,
  ...exportInputs,
  ...jobsInputs,
  ...backupsInputs,
  ...filesInputs,
  ...agreementInputs,
  ...codersInputs,
  ...layersInputs,
  ...adjudicationInputs,
  ...searchInputs,
  ...suggestionsInputs,
  ...entitiesInputs,
  ...dashboardInputs,
  ...timingInputs,
} satisfies Record<Channel, z.ZodType>;

export type { Result, ApiError } from './result';
