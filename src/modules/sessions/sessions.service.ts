import { trusted, Types } from 'mongoose';
import { config } from '../../config';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { pageTotal } from '../../lib/page-total';
import { logger } from '../../infra/logger';
import { Session } from './session.model';
import { toSessionDetailDto, toSessionDto } from './sessions.dto';
import { invalidateUserAnalytics } from '../analytics/analytics.cache';
import type { CreateSessionInput, ListSessionsQuery, UpdateSessionInput } from './sessions.schemas';

export { presentQuestionsWith } from './sessions.dto';
export { releaseSlots, reserveSlots } from './slots';

/**
 * What deleting a session also removes. Features with per-session data (questions, attempts, exports...)
 * register here, from the start-up wiring (src/wiring.ts).
 */
export type SessionCleanupHook = (sessionId: string, userId: string) => Promise<unknown>;
const cleanupHooks = new Map<string, SessionCleanupHook>();

export function onSessionDeleted(name: string, hook: SessionCleanupHook): () => void {
  cleanupHooks.set(name, hook);
  return () => {
    if (cleanupHooks.get(name) === hook) cleanupHooks.delete(name);
  };
}

export const SESSION_NOT_FOUND = 'Session not found';

/** The user's session or 404 (another user's session is indistinguishable from a missing one). */
export async function findOwnedSession(userId: string, sessionId: string) {
  const session = await Session.findOne({ _id: sessionId, user: userId });
  if (!session) throw new NotFoundError(SESSION_NOT_FOUND, 'session_not_found');
  return session;
}

/** 404 unless the session exists and is the user's (reads only its id). */
export async function assertOwnedSession(userId: string, sessionId: string): Promise<void> {
  const session = await Session.findOne({ _id: sessionId, user: userId }).select('_id').lean();
  if (!session) throw new NotFoundError(SESSION_NOT_FOUND, 'session_not_found');
}

const QUESTION_SORT_PINNED_NEWEST = { isPinned: -1, createdAt: -1 } as const;

const sessionLimitReached = (max: number) =>
  new ConflictError(
    `You have reached the maximum of ${max} sessions. Delete one to create another`,
    'session_limit_reached',
  );

/** Creates a session within SESSION_MAX_PER_USER (re-checked after the insert, so parallel creates cannot overshoot). */
export async function createSession(userId: string, input: CreateSessionInput) {
  const max = config.security.sessionMaxPerUser;
  if ((await Session.countDocuments({ user: userId })) >= max) throw sessionLimitReached(max);
  const session = await Session.create({ ...input, user: userId, questions: [] });
  // Among concurrent creates past the cap, the newest ones step back.
  const older = await Session.countDocuments({ user: userId, _id: trusted({ $lte: session._id }) });
  if (older > max) {
    await Session.deleteOne({ _id: session._id });
    throw sessionLimitReached(max);
  }
  await invalidateUserAnalytics(userId);
  return toSessionDto(session.toObject());
}

export async function listSessions(userId: string, q: ListSessionsQuery) {
  const filter: Record<string, unknown> = { user: userId };
  if (q.status) filter.status = q.status;
  const skip = (q.page - 1) * q.limit;
  const sessions = await Session.find(filter)
    .sort({ createdAt: -1, _id: -1 })
    .skip(skip)
    .limit(q.limit)
    // A list shows each question in brief (see presentQuestionsWith).
    .populate({
      path: 'questions',
      select: '_id question difficulty isPinned',
      options: { sort: { createdAt: 1 } },
    })
    .lean();
  // Counted only when the page is full (a short page tells the total).
  const total = await pageTotal(() => Session.countDocuments(filter), skip, q.limit, sessions.length);
  return { sessions: sessions.map((s) => toSessionDto(s)), total };
}

export async function getSession(userId: string, sessionId: string) {
  const session = await Session.findOne({ _id: sessionId, user: userId })
    .populate({ path: 'questions', options: { sort: QUESTION_SORT_PINNED_NEWEST } })
    .lean();
  if (!session) throw new NotFoundError(SESSION_NOT_FOUND, 'session_not_found');
  return toSessionDetailDto(userId, session);
}

export async function updateSession(userId: string, sessionId: string, input: UpdateSessionInput) {
  const update = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const session = await Session.findOneAndUpdate(
    { _id: sessionId, user: userId },
    { $set: update },
    { returnDocument: 'after', runValidators: true },
  )
    .populate({ path: 'questions', options: { sort: QUESTION_SORT_PINNED_NEWEST } })
    .lean();
  if (!session) throw new NotFoundError(SESSION_NOT_FOUND, 'session_not_found');
  await invalidateUserAnalytics(userId);
  return toSessionDetailDto(userId, session);
}

/** Deletes the session, its questions, generation records and whatever other features registered. */
export async function deleteSession(userId: string, sessionId: string): Promise<void> {
  const session = await Session.findOneAndDelete({ _id: sessionId, user: userId }).lean();
  if (!session) throw new NotFoundError(SESSION_NOT_FOUND, 'session_not_found');
  await cascadeSessions([session._id], userId);
  await invalidateUserAnalytics(userId);
}

async function cascadeSessions(sessionIds: Types.ObjectId[], userId: string): Promise<void> {
  const ids = sessionIds.map((id) => new Types.ObjectId(String(id)));
  for (const id of ids) {
    for (const [name, hook] of cleanupHooks) {
      await hook(String(id), userId).catch((err: Error) =>
        logger.error('session cleanup hook failed', {
          hook: name,
          sessionId: String(id),
          error: err.message,
        }),
      );
    }
  }
}

/** Account deletion: every session of the user and everything under them. */
export async function deleteAllSessionsOfUser(userId: string): Promise<void> {
  const sessions = await Session.find({ user: userId }).select('_id').lean();
  await Session.deleteMany({ user: userId });
  await cascadeSessions(
    sessions.map((s) => s._id),
    userId,
  );
}

/** The question ids a session holds (its slots), or null when it is not the user's. */
export async function sessionSlots(sessionId: Types.ObjectId | string, userId?: Types.ObjectId | string) {
  const filter = userId === undefined ? { _id: sessionId } : { _id: sessionId, user: userId };
  const session = await Session.findOne(filter).select('questions').lean();
  return session ? (session.questions ?? []) : null;
}

/** Service-wide figures for the admin stats. */
export async function countSessions(): Promise<{ total: number; byStatus: Record<string, number> }> {
  const rows = await Session.aggregate<{ _id: string; n: number }>([
    { $group: { _id: '$status', n: { $sum: 1 } } },
  ]);
  const byStatus = Object.fromEntries(rows.map((r) => [r._id ?? 'pending', r.n]));
  return { total: rows.reduce((sum, r) => sum + r.n, 0), byStatus };
}
