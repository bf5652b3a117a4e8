import { randomBytes } from 'node:crypto';
import type { Job } from 'bull';
import { trusted, Types } from 'mongoose';
import type { Explanation } from '../../ai/provider';
import { hash32 } from '../../ai/text';
import { config } from '../../config';
import { AppError, NotFoundError } from '../../lib/errors';
import { getQueue } from '../../infra/queues';
import { getRedis } from '../../infra/redis';
import { invalidateUserAnalytics } from '../analytics/analytics.cache';
import { findOwnedQuestion } from '../questions/questions.service';
import { Attempt, type AttemptDoc } from './attempt.model';
import type { AttemptsQuery } from './practice.schemas';
import { consumeAiQuota } from '../usage/usage.service';
import { findUserById } from '../users/user.service';

/**
 * Practice: answers to questions scored by the AI in the worker (`answer-evaluation` queue), concept
 * explanations (same queue, cached per question), and per-question mastery.
 */
export const EVALUATION_QUEUE = 'answer-evaluation' as const;
export const EVALUATION_JOB_TYPE = 'answer-evaluation';
export const EXPLANATION_JOB_TYPE = 'concept-explanation';

export type PracticeJobData =
  | { userId: string; requestId?: string; kind: 'evaluate'; attemptId: string }
  | { userId: string; requestId?: string; kind: 'explain'; questionId: string; textHash: string };

export const evaluationStatusUrl = (jobId: string) => `/api/v1/queue/evaluation/${jobId}`;
export const explanationStatusUrl = (jobId: string) => `/api/v1/queue/explanation/${jobId}`;

/**
 * The single place where practice work that reaches the model is charged to the user's AI quota (the
 * daily AI_DAILY_QUOTA and the hourly AI limit, see the contract's Limits): called before an evaluation
 * or an uncached explanation is queued, so a spent quota is a 429 before anything is enqueued. The
 * offline provider reaches no model and is not charged.
 */
export async function chargeAiQuota(userId: string, _operation: 'evaluate' | 'explain'): Promise<void> {
  if (config.ai.provider !== 'groq') return;
  const user = await findUserById(userId);
  await consumeAiQuota({ id: userId, role: user?.role === 'admin' ? 'admin' : 'user' });
}

/** The question's category as an analytics topic: trimmed, lower-cased, "general" when empty. */
export const topicOf = (category: string | undefined | null) =>
  (category ?? '').trim().toLowerCase() || 'general';

export function toAttemptDto(a: AttemptDoc) {
  return {
    _id: String(a._id),
    id: String(a._id),
    question: String(a.question),
    session: String(a.session),
    answer: a.answer,
    status: a.status,
    score: a.score ?? null,
    feedback: a.feedback ?? null,
    strengths: a.strengths ?? [],
    improvements: a.improvements ?? [],
    provider: a.provider ?? null,
    ...(a.error && a.status === 'failed' ? { error: a.error } : {}),
    topic: a.topic,
    difficulty: a.difficulty,
    evaluatedAt: a.evaluatedAt ?? null,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
export type AttemptDto = ReturnType<typeof toAttemptDto>;

/** POST /question/:id/attempts: records the attempt (it is the job record) and queues its evaluation. */
export async function submitAttempt(userId: string, questionId: string, answer: string, requestId?: string) {
  const question = await findOwnedQuestion(userId, questionId);
  await chargeAiQuota(userId, 'evaluate');
  const attempt = await Attempt.create({
    user: userId,
    question: question._id,
    session: question.session,
    topic: topicOf(question.category),
    difficulty: question.difficulty,
    answer,
  });
  const jobId = String(attempt._id);
  const data: PracticeJobData = { userId, requestId, kind: 'evaluate', attemptId: jobId };
  try {
    await getQueue(EVALUATION_QUEUE).add(data, { jobId });
  } catch (err) {
    // Without a queued job the record would wait forever: remove it, the client may simply retry.
    await Attempt.deleteOne({ _id: attempt._id });
    throw err;
  }
  return { attempt: toAttemptDto(attempt.toObject() as AttemptDoc), jobId };
}

/** GET /question/:id/attempts: the owner's attempts at one question, newest first, and its mastery. */
export async function listAttempts(userId: string, questionId: string, q: AttemptsQuery) {
  const question = await findOwnedQuestion(userId, questionId);
  const filter = { user: userId, question: question._id };
  const [rows, total, mastery] = await Promise.all([
    Attempt.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((q.page - 1) * q.limit)
      .limit(q.limit)
      .lean<AttemptDoc[]>(),
    Attempt.countDocuments(filter),
    masteryFor(userId, [String(question._id)]),
  ]);
  return {
    attempts: rows.map(toAttemptDto),
    total,
    mastery: mastery.get(String(question._id)) ?? EMPTY_MASTERY,
  };
}

export interface Mastery {
  attempts: number;
  latestScore: number | null;
  bestScore: number | null;
  averageScore: number | null;
  /** Latest score against the one before it: improving / declining (by half a point or more) / steady. */
  trend: 'improving' | 'declining' | 'steady' | 'new' | null;
  lastAttemptAt: Date | null;
}
export const EMPTY_MASTERY: Mastery = {
  attempts: 0,
  latestScore: null,
  bestScore: null,
  averageScore: null,
  trend: null,
  lastAttemptAt: null,
};

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** Mastery of each question from its scored attempts: one aggregation over the attempts index. */
export async function masteryFor(userId: string, questionIds: string[]): Promise<Map<string, Mastery>> {
  const out = new Map<string, Mastery>();
  if (!questionIds.length) return out;
  const rows = await Attempt.aggregate<{
    _id: Types.ObjectId;
    attempts: number;
    best: number;
    average: number;
    recent: number[];
    lastAt: Date;
  }>([
    {
      $match: {
        user: new Types.ObjectId(userId),
        question: { $in: questionIds.map((id) => new Types.ObjectId(id)) },
        status: 'completed',
      },
    },
    { $sort: { createdAt: -1, _id: -1 } },
    {
      $group: {
        _id: '$question',
        attempts: { $sum: 1 },
        best: { $max: '$score' },
        average: { $avg: '$score' },
        recent: { $push: '$score' },
        lastAt: { $first: '$createdAt' },
      },
    },
    { $project: { attempts: 1, best: 1, average: 1, lastAt: 1, recent: { $slice: ['$recent', 2] } } },
  ]);
  for (const r of rows) {
    const [latest, previous] = r.recent;
    const diff = previous === undefined ? undefined : (latest ?? 0) - previous;
    out.set(String(r._id), {
      attempts: r.attempts,
      latestScore: latest ?? null,
      bestScore: r.best,
      averageScore: oneDecimal(r.average),
      trend: diff === undefined ? 'new' : diff >= 0.5 ? 'improving' : diff <= -0.5 ? 'declining' : 'steady',
      lastAttemptAt: r.lastAt,
    });
  }
  return out;
}

/** Adds `mastery` to question DTOs (one aggregation for the whole list). */
export async function withMastery<T extends { _id: unknown }>(userId: string, questions: T[]) {
  const mastery = await masteryFor(
    userId,
    questions.map((q) => String(q._id)),
  );
  return questions.map((q) => ({ ...q, mastery: mastery.get(String(q._id)) ?? EMPTY_MASTERY }));
}

/** Practice figures of a session, for the question stats endpoint. */
export async function sessionPracticeStats(userId: string, sessionId: string) {
  const [row] = await Attempt.aggregate<{ attempts: number; average: number; questions: unknown[] }>([
    {
      $match: {
        session: new Types.ObjectId(sessionId),
        status: 'completed',
        user: new Types.ObjectId(userId),
      },
    },
    {
      $group: {
        _id: null,
        attempts: { $sum: 1 },
        average: { $avg: '$score' },
        questions: { $addToSet: '$question' },
      },
    },
  ]);
  return {
    attempts: row?.attempts ?? 0,
    averageScore: row ? oneDecimal(row.average) : null,
    practisedQuestions: row?.questions.length ?? 0,
  };
}

export interface EvaluationStatus {
  jobId: string;
  type: typeof EVALUATION_JOB_TYPE;
  status: AttemptDoc['status'];
  progress: number;
  error?: string;
  attempt: AttemptDto;
}

/** Status of an evaluation job (the attempt record); null unless the user owns it. */
export async function getEvaluationStatus(userId: string, jobId: string): Promise<EvaluationStatus | null> {
  if (!/^[a-f\d]{24}$/i.test(jobId)) return null;
  const a = await Attempt.findOne({ _id: jobId, user: userId }).lean<AttemptDoc>();
  if (!a) return null;
  return {
    jobId: String(a._id),
    type: EVALUATION_JOB_TYPE,
    status: a.status,
    progress: a.status === 'completed' ? 100 : a.progress,
    ...(a.error && a.status === 'failed' ? { error: a.error } : {}),
    attempt: toAttemptDto(a),
  };
}

// ---- explanations -------------------------------------------------------------------------------

const EXPLANATION_TTL_SECONDS = 7 * 24 * 3600;
/** How long a request for an explanation already being written joins that job instead of adding one. */
const INFLIGHT_TTL_SECONDS = 120;
const explanationKey = (questionId: string) => `cache:explain:${questionId}`;
const inflightKey = (questionId: string, hash: string) => `explain:inflight:${questionId}:${hash}`;

/** The cached explanation is tied to the question's text: editing the question makes it stale. */
export const questionTextHash = (q: { question: string; answer: string }) =>
  hash32(`${q.question}\n${q.answer}`).toString(36);

interface StoredExplanation {
  hash: string;
  provider: string;
  explanation: Explanation;
  createdAt: string;
}

async function readExplanation(questionId: string, hash: string): Promise<StoredExplanation | null> {
  const raw = await getRedis().get(explanationKey(questionId));
  if (!raw) return null;
  const stored = JSON.parse(raw) as StoredExplanation;
  return stored.hash === hash ? stored : null;
}

/** Worker side: stores an explanation for the question text it was written for. */
export async function storeExplanation(
  questionId: string,
  hash: string,
  provider: string,
  explanation: Explanation,
): Promise<void> {
  const value: StoredExplanation = { hash, provider, explanation, createdAt: new Date().toISOString() };
  await getRedis()
    .multi()
    .set(explanationKey(questionId), JSON.stringify(value), 'EX', EXPLANATION_TTL_SECONDS)
    .del(inflightKey(questionId, hash))
    .exec();
}

export async function releaseExplanationJob(questionId: string, hash: string): Promise<void> {
  await getRedis().del(inflightKey(questionId, hash));
}

const explanationView = (questionId: string, s: StoredExplanation, cached: boolean) => ({
  questionId,
  ...s.explanation,
  provider: s.provider,
  cached,
  generatedAt: s.createdAt,
});
export type ExplanationView = ReturnType<typeof explanationView>;

export type ExplainOutcome = { done: true; explanation: ExplanationView } | { done: false; jobId: string };

/**
 * POST /question/:id/explain. Served from the per-question cache when it holds an explanation of the
 * current text. Otherwise the AI call runs in the worker (like regenerate): concurrent requests for the
 * same question share one job, and the request waits up to REGENERATE_WAIT_MS before answering 202.
 */
export async function requestExplanation(
  userId: string,
  questionId: string,
  requestId?: string,
): Promise<ExplainOutcome> {
  const question = await findOwnedQuestion(userId, questionId);
  const qid = String(question._id);
  const hash = questionTextHash(question);
  const hit = await readExplanation(qid, hash);
  if (hit) return { done: true, explanation: explanationView(qid, hit, true) };

  const queue = getQueue(EVALUATION_QUEUE);
  const jobId = await claimExplanationJob(userId, qid, hash, requestId);
  const deadline = Date.now() + config.limits.regenerateWaitMs;
  for (;;) {
    const stored = await readExplanation(qid, hash);
    if (stored) return { done: true, explanation: explanationView(qid, stored, false) };
    // A job waiting for a retry is `delayed`; `failed` is final (last attempt, or not retryable).
    const job = await queue.getJob(jobId);
    if (job && (await job.isFailed())) {
      // Read again: a job fetched just before its move to `failed` does not carry the reason yet.
      const reason = (await queue.getJob(jobId))?.failedReason ?? 'AI failed';
      throw new AppError(502, 'ai_failed', `Error explaining question: ${reason}`, { jobId });
    }
    const left = deadline - Date.now();
    if (left <= 0) return { done: false, jobId };
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, left)));
  }
}

/**
 * The id of the job writing this explanation: the one in flight for the same question text, or a new
 * one. The claim is a SET NX on the in-flight key, so concurrent requests add a single job (the losers
 * may see its id a moment before the job itself exists, and simply wait for it).
 */
async function claimExplanationJob(userId: string, qid: string, hash: string, requestId?: string) {
  const queue = getQueue(EVALUATION_QUEUE);
  const redis = getRedis();
  const key = inflightKey(qid, hash);
  for (let round = 0; round < 3; round++) {
    const running = await redis.get(key);
    if (running) {
      const job = await queue.getJob(running);
      // A finished job whose result is not (or no longer) in the cache is not worth joining.
      if (!job || !((await job.isFailed()) || (await job.isCompleted()))) return running;
      if ((await redis.get(key)) === running) await redis.del(key);
    }
    const candidate = `x${randomBytes(8).toString('hex')}`;
    if ((await redis.set(key, candidate, 'EX', INFLIGHT_TTL_SECONDS, 'NX')) !== 'OK') continue;
    try {
      await chargeAiQuota(userId, 'explain');
      const data: PracticeJobData = { userId, requestId, kind: 'explain', questionId: qid, textHash: hash };
      await queue.add(data, { jobId: candidate });
    } catch (err) {
      await redis.del(key);
      throw err;
    }
    return candidate;
  }
  throw new AppError(503, 'dependency_unavailable', 'Could not queue the explanation; please retry');
}

export interface ExplanationStatus {
  jobId: string;
  type: typeof EXPLANATION_JOB_TYPE;
  status: string;
  progress: number;
  error?: string;
  explanation?: ExplanationView;
}

/** Status of an explanation job; null unless it is the user's. */
export async function getExplanationStatus(userId: string, jobId: string): Promise<ExplanationStatus | null> {
  if (!/^x[a-f\d]{16}$/.test(jobId)) return null;
  const job = (await getQueue(EVALUATION_QUEUE).getJob(jobId)) as Job<PracticeJobData> | null;
  if (!job || job.data.kind !== 'explain' || job.data.userId !== userId) return null;
  const state = await job.getState();
  const base = { jobId, type: EXPLANATION_JOB_TYPE, progress: Number(job.progress()) || 0 } as const;
  if (state === 'completed') {
    const stored = await readExplanation(job.data.questionId, job.data.textHash);
    if (stored)
      return {
        ...base,
        status: 'completed',
        progress: 100,
        explanation: explanationView(job.data.questionId, stored, false),
      };
    // The question changed or the cache expired since: the explanation is no longer available.
    return { ...base, status: 'failed', error: 'The explanation expired; request it again' };
  }
  if (state === 'failed') return { ...base, status: 'failed', error: job.failedReason ?? 'Unknown error' };
  return { ...base, status: state };
}

// ---- cleanup ------------------------------------------------------------------------------------

export async function deleteAttemptsOfQuestions(userId: string, questionIds: string[]): Promise<void> {
  const ids = questionIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
  if (!ids.length) return;
  await Attempt.deleteMany({ user: userId, question: trusted({ $in: ids }) });
  await getRedis().del(...ids.map((id) => explanationKey(String(id))));
  await invalidateUserAnalytics(userId);
}

export async function deleteAttemptsOfSession(sessionId: string): Promise<void> {
  await Attempt.deleteMany({ session: sessionId });
}

export async function deleteAttemptsOfUser(userId: string): Promise<void> {
  await Attempt.deleteMany({ user: userId });
}

/** A question the worker evaluates against, or null when it is gone (a NotFoundError from its owner). */
export async function questionForPractice(userId: string, questionId: string) {
  try {
    return await findOwnedQuestion(userId, questionId);
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

/** `/api/v1/queue/job/:jobId` source for answer evaluations (registered in src/wiring.ts). */
export async function evaluationJobSource(userId: string, jobId: string) {
  const v = await getEvaluationStatus(userId, jobId);
  if (!v) return null;
  return {
    jobId: v.jobId,
    type: v.type,
    status: v.status,
    progress: v.progress,
    error: v.error,
    result: { attempt: v.attempt },
  };
}

/** `/api/v1/queue/job/:jobId` source for concept explanations (registered in src/wiring.ts). */
export async function explanationJobSource(userId: string, jobId: string) {
  const v = await getExplanationStatus(userId, jobId);
  if (!v) return null;
  return {
    jobId: v.jobId,
    type: v.type,
    status: v.status,
    progress: v.progress,
    error: v.error,
    result: v.explanation ? { explanation: v.explanation } : undefined,
  };
}
