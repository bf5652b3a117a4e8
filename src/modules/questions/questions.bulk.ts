import { trusted, Types } from 'mongoose';
import { Session } from '../sessions/session.model';
import { Question, type Difficulty } from './question.model';
import { runQuestionsDeleted, runQuestionsUpdated } from './question-hooks';

/**
 * Bulk writes on a user's questions. Each operation is one `find` (which of the ids are the caller's:
 * per-id results) and one `updateMany`/`deleteMany` filtered by owner, so a foreign id is never touched
 * even if it was not in the find. Ids are 24-hex strings, validated by the caller.
 */
export interface BulkWriteResult {
  /** Ids (of those asked for) that exist and belong to the user. */
  matched: string[];
  /** What MongoDB reports: documents deleted or actually changed. */
  count: number;
}

async function ownedQuestions(userId: string, ids: readonly string[]) {
  return Question.find({ _id: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }), user: userId })
    .select('_id session')
    .lean();
}

const uniqueStrings = (values: readonly unknown[]) => [...new Set(values.map(String))];

/**
 * Deletes the user's questions among `ids`; their sessions drop them from `questions` (the question count
 * and the slot list of the per-session cap), then the "questions deleted" hooks run (attempts, caches).
 */
export async function bulkDeleteQuestions(userId: string, ids: readonly string[]): Promise<BulkWriteResult> {
  const owned = await ownedQuestions(userId, ids);
  if (!owned.length) return { matched: [], count: 0 };
  const ownedIds = owned.map((q) => q._id);
  const res = await Question.deleteMany({ _id: trusted({ $in: ownedIds }), user: userId });
  const sessionIds = uniqueStrings(owned.map((q) => q.session));
  await Session.updateMany(
    { _id: trusted({ $in: sessionIds.map((id) => new Types.ObjectId(id)) }), user: userId },
    { $pull: { questions: { $in: ownedIds } } },
  );
  const matched = ownedIds.map(String);
  await runQuestionsDeleted({ userId, questionIds: matched, sessionIds });
  return { matched, count: res.deletedCount ?? 0 };
}

async function bulkSet(
  userId: string,
  ids: readonly string[],
  set: { difficulty?: Difficulty; isPinned?: boolean },
): Promise<BulkWriteResult> {
  const owned = await ownedQuestions(userId, ids);
  if (!owned.length) return { matched: [], count: 0 };
  const ownedIds = owned.map((q) => q._id);
  // Only documents whose value differs are written: timestamps would otherwise count every match as modified.
  const differs = Object.fromEntries(Object.entries(set).map(([k, v]) => [k, trusted({ $ne: v })]));
  const res = await Question.updateMany(
    { _id: trusted({ $in: ownedIds }), user: userId, ...differs },
    { $set: set },
    { runValidators: true },
  );
  const matched = ownedIds.map(String);
  await runQuestionsUpdated({
    userId,
    questionIds: matched,
    sessionIds: uniqueStrings(owned.map((q) => q.session)),
  });
  return { matched, count: res.modifiedCount ?? 0 };
}

export const bulkSetDifficulty = (userId: string, ids: readonly string[], difficulty: Difficulty) =>
  bulkSet(userId, ids, { difficulty });

/** Sets (does not flip) the pin. */
export const bulkSetPinned = (userId: string, ids: readonly string[], isPinned: boolean) =>
  bulkSet(userId, ids, { isPinned });
