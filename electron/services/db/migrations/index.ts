// Ordered list of schema migrations; PRAGMA user_version records how many have run.
import { ApiFailure } from '../../../../shared/api/result';
import type { Db } from '../connection';
import { migration001Initial } from './001-initial';
import { migration002SearchIndex } from './002-search-index';
import { migration003SpanCountsInCode } from './003-span-counts-in-code';
import { migration004AttributeSets } from './004-attribute-sets';
import { migration005ApplicationId } from './005-application-id';
import { migration006OneSpanPerPlace } from './006-one-span-per-place';
import { migration007GuidelinesAndNotes } from './007-guidelines-and-notes';
import { migration008DocumentFilterIndexes } from './008-document-filter-indexes';
import { migration009Adjudication } from './009-adjudication';
import { migration010CorpusSearchIndex } from './010-corpus-search-index';
import { migration011LabelBatches } from './011-label-batches';
import { migration012CoderStatuses } from './012-coder-statuses';
import { migration013Suggestions } from './013-suggestions';
import { migration014EntitiesRelations } from './014-entities-relations';
import { migration015SpanTextDigests } from './015-span-text-digests';
import { migration016SearchIndexPending } from './016-search-index-pending';
import { migration017AnnotationTiming } from './017-annotation-timing';
import { migration018DashboardCounts } from './018-dashboard-counts';
import { migration019DashboardBulkWrites } from './019-dashboard-bulk-writes';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002SearchIndex,
  migration003SpanCountsInCode,
  migration004AttributeSets,
  migration005ApplicationId,
  migration006OneSpanPerPlace,
  migration007GuidelinesAndNotes,
  migration008DocumentFilterIndexes,
  migration009Adjudication,
  migration010CorpusSearchIndex,
  migration011LabelBatches,
  migration012CoderStatuses,
  migration013Suggestions,
  migration014EntitiesRelations,
  migration015SpanTextDigests,
  migration016SearchIndexPending,
  migration017AnnotationTiming,
  migration018DashboardCounts,
  migration019DashboardBulkWrites,
];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function refuseNewerSchema(db: Db): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new ApiFailure(
      'db_newer',
      `This project was written by a newer Biaozhu (schema ${current}; this app knows up to ${SCHEMA_VERSION}). Update Biaozhu to open it; the file was not changed.`,
    );
  }
}

/** Runs every pending migration in one transaction: a project is never left half-migrated. */
export function migrate(db: Db, target = SCHEMA_VERSION): void {
  refuseNewerSchema(db);
  const current = schemaVersion(db);
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}
