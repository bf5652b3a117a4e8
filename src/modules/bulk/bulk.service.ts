import type { Difficulty } from '../questions/question.model';
import {
  bulkDeleteQuestions,
  bulkSetDifficulty,
  bulkSetPinned,
  type BulkWriteResult,
} from '../questions/questions.bulk';

/** Per-id outcome of a bulk request. Missing and foreign ids both read `not_found` (no existence leak). */
export interface BulkResults {
  requested: number;
  succeeded: number;
  failed: number;
  failures: Array<{ id: string; reason: 'not_found' }>;
}

export interface BulkOutcome {
  count: number;
  results: BulkResults;
}

function summarise(ids: readonly string[], write: BulkWriteResult): BulkOutcome {
  const matched = new Set(write.matched);
  const failures = ids.filter((id) => !matched.has(id)).map((id) => ({ id, reason: 'not_found' as const }));
  return {
    count: write.count,
    results: {
      requested: ids.length,
      succeeded: ids.length - failures.length,
      failed: failures.length,
      failures,
    },
  };
}

export async function deleteQuestions(userId: string, ids: string[]): Promise<BulkOutcome> {
  return summarise(ids, await bulkDeleteQuestions(userId, ids));
}

export async function setDifficulty(
  userId: string,
  ids: string[],
  difficulty: Difficulty,
): Promise<BulkOutcome> {
  return summarise(ids, await bulkSetDifficulty(userId, ids, difficulty));
}

export async function setPinned(userId: string, ids: string[], isPinned: boolean): Promise<BulkOutcome> {
  return summarise(ids, await bulkSetPinned(userId, ids, isPinned));
}
