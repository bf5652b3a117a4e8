import { setTimeout as sleep } from 'node:timers/promises';
import { trusted, type Types } from 'mongoose';
import { Session } from './session.model';

/** How long a full-looking session is re-checked while slots are held by inserts still in flight. */
const IN_FLIGHT_WAIT_MS = 3_000;
/** Re-reads under contention when the session has room but a concurrent push got there first. */
const MAX_CONTENDED_RETRIES = 8;

/**
 * Atomic per-session cap. Question ids are pushed onto `session.questions` *before* the questions are
 * inserted, by one conditional update: `questions.<limit - n>` must not exist, i.e. the array holds at
 * most `limit - n` ids. MongoDB applies the filter and the push atomically on the one document, so two
 * concurrent jobs can never take the session past the limit. When the full batch does not fit, the
 * request shrinks to what is left (re-read and retried a few times under contention).
 *
 * A session can look full while some of its slots belong to inserts still in flight (another job's
 * reservation for a question that may turn out to be a duplicate and be given back). Refusing then
 * would leave the session short of its limit, so a full session whose slots are not all written yet is
 * re-checked for up to IN_FLIGHT_WAIT_MS.
 *
 * Returns the ids that got a slot (a prefix of `ids`; empty when the session is full or gone).
 * `countWritten` tells how many of the given slot ids already hold a stored question (the questions
 * module answers it: this module owns the slots, not the questions).
 */
export async function reserveSlots(
  sessionId: Types.ObjectId | string,
  ids: readonly Types.ObjectId[],
  limit: number,
  countWritten: (ids: Types.ObjectId[]) => Promise<number>,
): Promise<Types.ObjectId[]> {
  let want = Math.min(ids.length, limit);
  const deadline = Date.now() + IN_FLIGHT_WAIT_MS;
  let contended = 0;
  for (let round = 0; want > 0; round++) {
    const batch = ids.slice(0, want);
    const res = await Session.updateOne(
      { _id: sessionId, [`questions.${limit - want}`]: trusted({ $exists: false }) },
      { $push: { questions: { $each: batch } } },
    );
    if (res.modifiedCount === 1) return [...batch];
    const current = await Session.findById(sessionId).select('questions').lean();
    if (!current) return [];
    const held = current.questions ?? [];
    const free = limit - held.length;
    if (free > 0) {
      if (++contended > MAX_CONTENDED_RETRIES) return [];
      want = Math.min(want, free);
      continue;
    }
    if (Date.now() >= deadline) return [];
    const written = await countWritten(held);
    if (written >= held.length) return []; // really full
    want = Math.min(ids.length, limit);
    await sleep(Math.min(25 * (round + 1), 200));
  }
  return [];
}

/** Gives slots back (ids whose insert did not happen: duplicates, failures). */
export async function releaseSlots(
  sessionId: Types.ObjectId | string,
  ids: readonly Types.ObjectId[],
): Promise<void> {
  if (!ids.length) return;
  await Session.updateOne({ _id: sessionId }, { $pull: { questions: { $in: [...ids] } } });
}
