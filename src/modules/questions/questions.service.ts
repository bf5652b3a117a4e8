import { bumpReadVersion } from '../../infra/read-version';
import { trusted, Types } from 'mongoose';
import { config } from '../../config';
import type { GeneratedQuestion } from '../../ai/provider';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors';
import {
  assertOwnedSession,
  findOwnedSession,
  releaseSlots,
  reserveSlots,
} from '../sessions/sessions.service';
import { pageTotal } from '../../lib/page-total';
import { Question, textFields, type QuestionProvider } from './question.model';
import {
  SESSION_SUMMARY_FIELDS,
  toQuestionDto,
  toQuestionSummaryDto,
  withSessionSummary,
} from './questions.dto';

/** A question's response shapes (sessions show their questions through them, see src/wiring.ts). */
export { toQuestionDto as presentQuestion, toQuestionSummaryDto as presentQuestionSummary };
import type { CustomInput, ListQuery, UpdateInput } from './questions.schemas';
import { runQuestionsDeleted } from './question-hooks';
import { GenerationJob } from './generation-job.model';
import { invalidateUserAnalytics } from '../analytics/analytics.cache';

export const QUESTION_NOT_FOUND = 'Question not found';

export function limitReached(currentCount: number): BadRequestError {
  const limit = config.limits.sessionQuestionLimit;
  return new BadRequestError(
    `Session has reached maximum number of questions (${limit})`,
    'question_limit_reached',
    {
      currentCount,
    },
  );
}

/** The user's question (hydrated) or 404: another user's question is indistinguishable from a missing one. */
export async function findOwnedQuestion(userId: string, questionId: string) {
  const q = await Question.findOne({ _id: questionId, user: userId });
  if (!q) throw new NotFoundError(QUESTION_NOT_FOUND, 'question_not_found');
  return q;
}

export async function listSessionQuestions(userId: string, sessionId: string, q: ListQuery) {
  const filter: Record<string, unknown> = { session: sessionId, user: userId };
  if (q.difficulty) filter.difficulty = q.difficulty;
  if (q.pinned !== undefined) filter.isPinned = q.pinned;
  if (q.category !== undefined) filter.category = q.category;
  if (q.tag) filter.tags = q.tag;
  const skip = (q.page - 1) * q.limit;
  // The ownership check needs only the session's id (no hydrated document); the count only when the
  // page is full (a short page tells the total).
  const [, questions] = await Promise.all([
    assertOwnedSession(userId, sessionId),
    Question.find(filter).sort({ createdAt: 1, _id: 1 }).skip(skip).limit(q.limit).lean(),
  ]);
  const total = await pageTotal(() => Question.countDocuments(filter), skip, q.limit, questions.length);
  return { questions: questions.map(toQuestionDto), total };
}

export async function listPinned(userId: string, sessionId: string) {
  await findOwnedSession(userId, sessionId);
  const questions = await Question.find({ session: sessionId, user: userId, isPinned: true })
    .sort({ createdAt: -1, _id: -1 })
    .lean();
  return questions.map(toQuestionDto);
}

export async function sessionStats(userId: string, sessionId: string) {
  const session = await findOwnedSession(userId, sessionId);
  const rows = await Question.find({ session: sessionId, user: userId })
    .select('isPinned difficulty source isAnswered')
    .lean();
  const byDifficulty = { easy: 0, medium: 0, hard: 0 };
  const bySource = { ai: 0, custom: 0, template: 0 };
  let pinned = 0;
  for (const r of rows) {
    if (r.isPinned) pinned++;
    byDifficulty[r.difficulty as keyof typeof byDifficulty]++;
    bySource[r.source as keyof typeof bySource]++;
  }
  return {
    stats: {
      total: rows.length,
      pinned,
      unpinned: rows.length - pinned,
      byDifficulty,
      bySource,
      limit: config.limits.sessionQuestionLimit,
      remaining: Math.max(0, config.limits.sessionQuestionLimit - rows.length),
    },
    session: { role: session.role, experience: session.experience, topics: session.topicsToFocus },
  };
}

export async function getQuestion(userId: string, questionId: string) {
  const q = await Question.findOne({ _id: questionId, user: userId })
    .populate('session', SESSION_SUMMARY_FIELDS)
    .lean();
  if (!q) throw new NotFoundError(QUESTION_NOT_FOUND, 'question_not_found');
  return withSessionSummary(q);
}

export interface NewQuestion {
  question: string;
  answer: string;
  difficulty?: 'easy' | 'medium' | 'hard';
  category?: string;
  tags?: string[];
  notes?: string;
  source: 'ai' | 'custom' | 'template';
  /** The AI provider that wrote it (AI questions only). */
  provider?: QuestionProvider;
}

/** An AI-generated (or pooled) question as a new question of a session. */
export const fromGenerated = (g: GeneratedQuestion & { provider?: QuestionProvider }): NewQuestion => ({
  question: g.question,
  answer: g.answer,
  difficulty: g.difficulty,
  category: g.topic,
  source: 'ai',
  ...(g.provider ? { provider: g.provider } : {}),
});

/**
 * Inserts questions into a session within its cap: slots first (atomic), then one upsert per question
 * keyed by {session, fingerprint} (a question the session already has is skipped, never duplicated),
 * then unused slots are released. Returns the inserted documents in input order.
 */
export async function insertQuestions(
  sessionId: Types.ObjectId | string,
  userId: Types.ObjectId | string,
  items: readonly NewQuestion[],
  opts: { generationJob?: Types.ObjectId; onReserved?: (ids: Types.ObjectId[]) => Promise<void> } = {},
) {
  const limit = config.limits.sessionQuestionLimit;
  const docs = items.map((it) => {
    const question = it.question.trim();
    const answer = it.answer.trim();
    return {
      _id: new Types.ObjectId(),
      session: new Types.ObjectId(String(sessionId)),
      user: new Types.ObjectId(String(userId)),
      question,
      answer,
      difficulty: it.difficulty ?? 'medium',
      category: it.category ?? '',
      tags: it.tags ?? [],
      notes: it.notes ?? '',
      source: it.source,
      ...(it.provider ? { provider: it.provider } : {}),
      isPinned: false,
      isAnswered: true,
      ...(opts.generationJob ? { generationJob: opts.generationJob } : {}),
      ...textFields({ question, answer, category: it.category, tags: it.tags }),
    };
  });
  // Duplicates inside the batch itself are dropped before any slot is taken.
  const seen = new Set<string>();
  const unique = docs.filter((d) => (seen.has(d.fingerprint) ? false : (seen.add(d.fingerprint), true)));
  if (!unique.length) return [];
  const ids = unique.map((d) => d._id);
  await opts.onReserved?.(ids);
  const granted = await reserveSlots(sessionId, ids, limit, countStored);
  if (!granted.length) return [];
  const grantedSet = new Set(granted.map(String));
  const toInsert = unique.filter((d) => grantedSet.has(String(d._id)));
  const now = new Date();
  // Insert by fingerprint: the unique {session, fingerprint} index rejects a question the session already
  // has (a retry, a concurrent job); the rest of the batch still goes in (unordered).
  try {
    await Question.collection.insertMany(
      toInsert.map((d) => ({ ...d, createdAt: now, updatedAt: now, __v: 0 })),
      { ordered: false },
    );
  } catch (err) {
    const writeErrors = (err as { writeErrors?: Array<{ code?: number }> | { code?: number } }).writeErrors;
    const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
    if (!list.length || list.some((e) => e.code !== 11000)) {
      await releaseSlots(sessionId, granted);
      throw err;
    }
  }
  const present = await Question.find({ _id: trusted({ $in: granted }) })
    .select('_id')
    .lean();
  const insertedIds = new Set(present.map((p) => String(p._id)));
  const unused = granted.filter((id) => !insertedIds.has(String(id)));
  await releaseSlots(sessionId, unused);
  if (!insertedIds.size) return [];
  // The raw insert above bypasses the models' read-version plugin, and the slot reservation bumped the
  // version before the questions existed: bump again so no read cached in between is served.
  await bumpReadVersion(userId);
  await invalidateUserAnalytics(userId);
  const inserted = await Question.find({
    _id: trusted({ $in: [...insertedIds].map((id) => new Types.ObjectId(id)) }),
  }).lean();
  const order = new Map(toInsert.map((d, i) => [String(d._id), i]));
  inserted.sort((a, b) => (order.get(String(a._id)) ?? 0) - (order.get(String(b._id)) ?? 0));
  return inserted.map(toQuestionDto);
}

export async function addCustomQuestion(userId: string, input: CustomInput) {
  const session = await findOwnedSession(userId, input.sessionId);
  const limit = config.limits.sessionQuestionLimit;
  if (session.questions.length >= limit) throw limitReached(session.questions.length);
  const fp = textFields({ question: input.question, answer: input.answer }).fingerprint;
  if (await Question.exists({ session: session._id, fingerprint: fp })) {
    throw new ConflictError('This session already has that question', 'duplicate_question');
  }
  const [question] = await insertQuestions(session._id, userId, [{ ...input, source: 'custom' }]);
  if (!question) {
    // Either the cap was reached by a concurrent insert, or the same text raced in.
    const fresh = await findOwnedSession(userId, input.sessionId);
    if (fresh.questions.length >= limit) throw limitReached(fresh.questions.length);
    throw new ConflictError('This session already has that question', 'duplicate_question');
  }
  return question;
}

/**
 * Applies field changes to a question with one `$set` (recomputing fingerprint and search tokens when the
 * text, category or tags change). A text that another question of the session already has is a 409.
 */
export async function setQuestionFields(
  current: {
    _id: Types.ObjectId;
    user: Types.ObjectId;
    question: string;
    answer: string;
    category?: string | null;
    tags?: string[] | null;
  },
  changes: Record<string, unknown>,
) {
  const set: Record<string, unknown> = { ...changes };
  if (['question', 'answer', 'category', 'tags'].some((k) => k in changes)) {
    const merged = {
      question: String(changes.question ?? current.question).trim(),
      answer: String(changes.answer ?? current.answer).trim(),
      category: (changes.category as string | undefined) ?? current.category,
      tags: (changes.tags as string[] | undefined) ?? current.tags,
    };
    Object.assign(set, textFields(merged));
  }
  try {
    const updated = await Question.findOneAndUpdate(
      { _id: current._id, user: current.user },
      { $set: set },
      { returnDocument: 'after', runValidators: true },
    );
    if (!updated) throw new NotFoundError(QUESTION_NOT_FOUND, 'question_not_found');
    await invalidateUserAnalytics(current.user);
    return updated;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) {
      throw new ConflictError('This session already has that question', 'duplicate_question');
    }
    throw err;
  }
}

export async function updateQuestion(userId: string, questionId: string, input: UpdateInput) {
  const q = await findOwnedQuestion(userId, questionId);
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  await setQuestionFields(q, changes);
  const out = await Question.findById(q._id).lean();
  if (!out) throw new NotFoundError(QUESTION_NOT_FOUND, 'question_not_found');
  return toQuestionDto(out);
}

export async function togglePin(userId: string, questionId: string) {
  const q = await findOwnedQuestion(userId, questionId);
  // Flip atomically against the value we read: two fast toggles cannot both apply the same flip.
  const updated = await Question.findOneAndUpdate(
    { _id: q._id, user: userId, isPinned: q.isPinned },
    { $set: { isPinned: !q.isPinned } },
    { returnDocument: 'after' },
  ).lean();
  await invalidateUserAnalytics(userId);
  const final = updated ?? (await Question.findById(q._id).lean());
  if (!final) throw new NotFoundError(QUESTION_NOT_FOUND, 'question_not_found');
  return toQuestionDto(final);
}

export async function deleteQuestion(userId: string, questionId: string) {
  const q = await Question.findOneAndDelete({ _id: questionId, user: userId }).lean();
  if (!q) throw new NotFoundError(QUESTION_NOT_FOUND, 'question_not_found');
  await releaseSlots(q.session, [q._id]);
  await Promise.all([
    invalidateUserAnalytics(userId),
    runQuestionsDeleted({ userId, questionIds: [String(q._id)], sessionIds: [String(q.session)] }),
  ]);
  return String(q._id);
}

/** Service-wide figures for the admin stats. */
export async function countQuestions(): Promise<{ total: number; bySource: Record<string, number> }> {
  const rows = await Question.aggregate<{ _id: string; n: number }>([
    { $group: { _id: '$source', n: { $sum: 1 } } },
  ]);
  const bySource = Object.fromEntries(rows.map((r) => [r._id ?? 'custom', r.n]));
  return { total: rows.reduce((sum, r) => sum + r.n, 0), bySource };
}

/** How many of these ids are stored questions (the slot owner asks, to tell in-flight slots apart). */
function countStored(ids: Types.ObjectId[]): Promise<number> {
  return Question.countDocuments({ _id: trusted({ $in: ids }) });
}

/** Session deletion: its questions and generation records. */
export async function deleteQuestionsOfSession(sessionId: string): Promise<void> {
  const id = new Types.ObjectId(sessionId);
  await Promise.all([Question.deleteMany({ session: id }), GenerationJob.deleteMany({ session: id })]);
}

/** Account deletion: questions are also owned directly (denormalised user), so no orphan survives. */
export async function deleteQuestionsOfUser(userId: string): Promise<void> {
  await Promise.all([Question.deleteMany({ user: userId }), GenerationJob.deleteMany({ user: userId })]);
}

/**
 * The session's questions in export order — pinned first, then list order (oldest first) — as a lean
 * cursor, so an export never holds the whole list in memory.
 */
export function sessionQuestionsCursor(userId: string, sessionId: string) {
  return Question.find({ session: sessionId, user: userId })
    .sort({ isPinned: -1, createdAt: 1, _id: 1 })
    .lean()
    .cursor({ batchSize: 200 });
}
