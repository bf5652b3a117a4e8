import type { Job } from 'bull';
import { trusted, Types } from 'mongoose';
import { config } from '../../config';
import { AppError, NotFoundError } from '../../lib/errors';
import { publishUserEvent } from '../../infra/events';
import { addJob } from '../../infra/queues';
import { findOwnedSession } from '../sessions/sessions.service';
import { recordGenerationTopics } from '../analytics/trending.service';
import { takeFromPool, type CacheKeyParams } from './generation-cache';
import { estimateGenerationTime, type TimeEstimate } from './generation-timing';
import { GenerationJob, type GenerationJobDoc } from './generation-job.model';
import { Question } from './question.model';
import { toQuestionDto } from './questions.dto';
import { withMastery } from '../practice/practice.service';
import type { GenerateInput } from './questions.schemas';
import { findOwnedQuestion, fromGenerated, insertQuestions, limitReached } from './questions.service';
import { uncoveredTopics, type UncoveredTopic } from './topic-coverage';

export const GENERATION_QUEUE = 'question-generation' as const;

/** Payload of both generation job kinds; the record holds the parameters. */
export interface GenerationJobData {
  userId: string;
  requestId?: string;
  generationJobId: string;
  kind: 'generate' | 'regenerate';
}

export const statusUrl = (jobId: string) => `/api/v1/queue/question/${jobId}`;

export function cacheParams(p: GenerationJobDoc['params']): CacheKeyParams {
  return { role: p.role, experience: p.experience, topics: p.topics, difficulty: p.difficulty ?? null };
}

/** Fingerprints of the session's questions (for "never hand a session a question it already has"). */
export async function sessionFingerprints(
  sessionId: Types.ObjectId | string,
): Promise<{ fps: Set<string>; texts: string[] }> {
  const rows = await Question.find({ session: sessionId }).select('question +fingerprint').lean();
  return { fps: new Set(rows.map((r) => r.fingerprint as string)), texts: rows.map((r) => r.question) };
}

/** Runs once a request is known to need the model (not served from the cache): e.g. the AI quota. */
export interface BeforeModel {
  beforeModel?: () => Promise<void>;
}

export type GenerateOutcome = { uncoveredTopics: UncoveredTopic[] } & (
  | { cached: true; questions: ReturnType<typeof toQuestionDto>[] }
  | { cached: false; jobId: string; estimate: TimeEstimate }
);

/**
 * POST /question/generate: missing fields default to the session's; served from the generation cache
 * when the pool has enough questions the session does not already have, else recorded and queued.
 */
export async function requestGeneration(
  userId: string,
  input: GenerateInput,
  requestId?: string,
  opts: BeforeModel = {},
): Promise<GenerateOutcome> {
  const session = await findOwnedSession(userId, input.sessionId);
  const limit = config.limits.sessionQuestionLimit;
  const current = session.questions.length;
  if (current >= limit) throw limitReached(current);
  const want = Math.min(input.count, limit - current);
  const params = {
    role: input.role ?? session.role,
    experience: input.experience ?? session.experience,
    topics: input.topicsToFocus ?? [...session.topicsToFocus],
    count: want,
    ...(input.difficulty ? { difficulty: input.difficulty } : {}),
    ...(session.description ? { description: session.description } : {}),
  };

  // Trending counts every generation request, served from the cache or by the worker.
  await recordGenerationTopics(params.topics).catch(() => undefined);
  const uncovered = uncoveredTopics(params.topics);

  const { fps } = await sessionFingerprints(session._id);
  const pooled = await takeFromPool(cacheParams(params), fps, want);
  if (pooled.length >= want) {
    const questions = await insertQuestions(session._id, userId, pooled.map(fromGenerated));
    if (questions.length) {
      for (const q of questions)
        void publishUserEvent(userId, 'question:generated', {
          sessionId: String(session._id),
          question: q,
          cached: true,
        });
      return { cached: true, questions, uncoveredTopics: uncovered };
    }
    // Nothing fitted (a concurrent request took the last slots, or raced the same texts in).
    const fresh = await findOwnedSession(userId, input.sessionId);
    if (fresh.questions.length >= limit) throw limitReached(fresh.questions.length);
  }

  await opts.beforeModel?.();
  const rec = await GenerationJob.create({
    user: userId,
    session: session._id,
    type: 'generate',
    params,
    uncoveredTopics: uncovered,
  });
  await enqueue(rec._id, { userId, requestId, kind: 'generate' });
  const estimate = await estimateGenerationTime();
  return { cached: false, jobId: String(rec._id), estimate, uncoveredTopics: uncovered };
}

async function enqueue(
  recId: Types.ObjectId,
  data: Omit<GenerationJobData, 'generationJobId'>,
): Promise<Job<GenerationJobData>> {
  // The record id is the Bull job id: adding the same request twice is a no-op for Bull.
  try {
    return await addJob(
      GENERATION_QUEUE,
      { ...data, generationJobId: String(recId) },
      { jobId: String(recId) },
    );
  } catch (err) {
    // Not accepted (the client gets a 503): the record must not be picked up later by the reconciler.
    await GenerationJob.updateOne(
      { _id: recId },
      { $set: { status: 'failed', stage: 'failed', error: 'Could not be queued' } },
    ).catch(() => undefined);
    throw err;
  }
}

/**
 * POST /question/:id/regenerate: the AI call runs in the worker; we wait up to REGENERATE_WAIT_MS for the
 * record to finish. Returns the new question, or the job id when the worker is slower.
 */
export async function requestRegeneration(
  userId: string,
  questionId: string,
  requestId?: string,
  opts: BeforeModel = {},
) {
  const question = await findOwnedQuestion(userId, questionId);
  const session = await findOwnedSession(userId, String(question.session));
  const params = {
    role: session.role,
    experience: session.experience,
    // The replacement is on the question's own topic (its category), not any of the session's.
    topics: question.category?.trim() ? [question.category.trim()] : [...session.topicsToFocus],
    count: 1,
    difficulty: question.difficulty,
    ...(session.description ? { description: session.description } : {}),
  };
  await opts.beforeModel?.();
  const rec = await GenerationJob.create({
    user: userId,
    session: session._id,
    question: question._id,
    type: 'regenerate',
    params,
  });
  const job = await enqueue(rec._id, { userId, requestId, kind: 'regenerate' });
  const done = await waitForRecord(rec._id, job, config.limits.regenerateWaitMs);
  if (done?.status === 'completed') {
    const fresh = await Question.findOne({ _id: question._id, user: userId }).lean();
    if (!fresh) throw new NotFoundError('Question not found', 'question_not_found');
    return { done: true as const, question: toQuestionDto(fresh) };
  }
  if (done?.status === 'failed') {
    throw new AppError(
      502,
      'ai_failed',
      `Error regenerating question: ${done.error ?? 'AI generation failed'}`,
      { jobId: String(rec._id) },
    );
  }
  return { done: false as const, jobId: String(rec._id) };
}

/**
 * Waits for a generation record to reach a final state, up to `ms`. Bull's `job.finished()` wakes us
 * early; it also settles on a failed attempt that will be retried, so the record (which only turns
 * `failed` after the last attempt) is the judge, re-checked every 200 ms.
 */
async function waitForRecord(recId: Types.ObjectId, job: Job, ms: number) {
  const deadline = Date.now() + ms;
  let wake: (() => void) | undefined;
  job.finished().then(
    () => wake?.(),
    () => wake?.(),
  );
  for (;;) {
    const rec = await GenerationJob.findById(recId).select('status error').lean();
    if (!rec || rec.status === 'completed' || rec.status === 'failed') return rec;
    const left = deadline - Date.now();
    if (left <= 0) return rec;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(200, left));
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    wake = undefined;
  }
}

export interface JobStatusView {
  jobId: string;
  type: 'question-generation' | 'question-regeneration';
  status: GenerationJobDoc['status'];
  stage: string;
  progress: number;
  error?: string;
  result?: {
    count: number;
    questions: ReturnType<typeof toQuestionDto>[];
    uncoveredTopics?: UncoveredTopic[];
  };
  createdAt: Date;
  updatedAt: Date;
}

/** A generation record the user owns (404 otherwise, including ids that are not ours or not ids). */
export async function getGenerationStatus(userId: string, jobId: string): Promise<JobStatusView | null> {
  if (!Types.ObjectId.isValid(jobId) || !/^[a-f\d]{24}$/i.test(jobId)) return null;
  const rec = await GenerationJob.findOne({ _id: jobId, user: userId }).lean<GenerationJobDoc>();
  if (!rec) return null;
  const view: JobStatusView = {
    jobId: String(rec._id),
    type: rec.type === 'generate' ? 'question-generation' : 'question-regeneration',
    status: rec.status,
    stage: rec.stage,
    progress: rec.progress,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
  };
  if (rec.error) view.error = rec.error;
  if (rec.status === 'completed') {
    const docs = rec.resultIds.length
      ? await Question.find({ _id: trusted({ $in: rec.resultIds }), user: userId })
          .sort({ createdAt: 1, _id: 1 })
          .lean()
      : [];
    view.result = {
      count: rec.resultIds.length,
      // A regenerated question keeps its practice figures: the same shape as every other response.
      questions: await withMastery(userId, docs.map(toQuestionDto)),
    };
    if (rec.type === 'generate') view.result.uncoveredTopics = rec.uncoveredTopics ?? [];
  }
  return view;
}
