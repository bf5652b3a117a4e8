import { trusted, type Types } from 'mongoose';
import { Session } from '../sessions/session.model';

/**
 * Atomic per-session cap. Question ids are pushed onto `session.questions` *before* the questions are
 * inserted, by one conditional update: `questions.<limit - n>` must not exist, i.e. the array holds at
 * most `limit - n` ids. MongoDB applies the filter and the push atomically on the one document, so two
 * concurrent jobs can never take the session past the limit. When the full batch does not fit, the
 * request shrinks to what is left (re-read and retried a few times under contention).
 *
 * Returns the ids that got a slot (a prefix of `ids`; empty when the session is full or gone).
 */
export async function reserveSlots(
  sessionId: Types.ObjectId | string,
  ids: readonly Types.ObjectId[],
  limit: number,
): Promise<Types.ObjectId[]> {
  let want = Math.min(ids.length, limit);
  for (let attempt = 0; attempt < 8 && want > 0; attempt++) {
    const batch = ids.slice(0, want);
    const res = await Session.updateOne(
      { _id: sessionId, [`questions.${limit - want}`]: trusted({ $exists: false }) },
      { $push: { questions: { $each: batch } } },
    );
    if (res.modifiedCount === 1) return [...batch];
    const current = await Session.findById(sessionId).select('questions').lean();
    if (!current) return [];
    want = Math.min(want, limit - (current.questions?.length ?? 0));
  }
  return [];
}

/** Gives slots back (ids whose insert did not happen: duplicates, failures). */
export async function releaseSlots(sessionId: Types.ObjectId | string, ids: readonly Types.ObjectId[]): Promise<void> {
  if (!ids.length) return;
  await Session.updateOne({ _id: sessionId }, { $pull: { questions: { $in: [...ids] } } });
}
