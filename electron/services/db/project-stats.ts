// Counts for the project overview that no other domain module owns.
import type { ReviewState } from '../../../shared/model';
import type { Db } from './connection';
import { statement } from './connection';

/** Spans by review state: a covering scan of annotations_review, no table reads. */
export function countByReviewState(db: Db): Record<ReviewState, number> {
  const counts: Record<ReviewState, number> = { pending: 0, accepted: 0, rejected: 0 };
  for (const row of statement(db, 'SELECT review_state AS state, COUNT(*) AS n FROM annotations GROUP BY review_state').all() as {
    state: ReviewState;
    n: number;
  }[]) {
    counts[row.state] = row.n;
  }
  return counts;
}
