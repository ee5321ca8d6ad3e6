import { APPLICATION_ID } from '../project-file';
import type { Migration } from './index';

/**
 * Stamps Biaozhu's application_id on projects made before it existed, so that from now on a
 * project is told from any other SQLite file by its header alone. In the migration, not at open:
 * it runs once, in the same transaction as any other pending migration, after a backup.
 */
export const migration005ApplicationId: Migration = {
  version: 5,
  name: 'application id',
  up(db) {
    db.pragma(`application_id = ${APPLICATION_ID}`);
  },
};
