import type { Job } from 'bull';
import { trusted, Types } from 'mongoose';
import { AiError } from '../../ai/errors';
import { config } from '../../config';
import { ConflictError } from '../../lib/errors';
import { publishUserEvent } from '../../infra/events';
import { logger } from '../../infra/logger';
import { isFinalAttempt, type ProcessorDefinition, type RetryHints } from '../../infra/queues';
import { notifyJobComplete, notifyJobFailed } from '../notifications/notifications.service';
import { releaseSlots, sessionSlots } from '../sessions/sessions.service';
import { getAiProvider } from './ai-provider';
import { questionFingerprint } from './fingerprint';
import { addToPool, avoidListIsShared, takeFromPool } from './generation-cache';
import { recordGenerationDuration } from './generation-timing';
import { GenerationJob, type GenerationJobDoc, type GenerationStage } from './generation-job.model';
import {
  cacheParams,
  GENERATION_QUEUE,
  sessionFingerprints,
  type GenerationJobData,
} from './generation.service';
import { Question } from './question.model';
import { toQuestionDto } from './questions.dto';
import { withMastery } from '../practice/practice.service';
import { fromGenerated, insertQuestions, setQuestionFields } from './questions.service';

/**
 * Worker side of question generation and regeneration (one Bull queue, `kind` in the payload).
 *
 * Idempotency: the Bull job id is the GenerationJob record id; a completed record returns its stored
 * result; questions carry `generationJob`, so a re-run after a crash finishes with what the first run
 * inserted instead of generating more; inserts go by {session, fingerprint}; slots reserved by a run that
 * died before inserting are released. The per-session cap is enforced by the same atomic slot
 * reservation the api uses (slots.ts), so concurrent jobs never push a session past the limit.
 */
export interface GenerationResult {
  success: true;
  count: number;
  questionIds: string[];
}

const JOB_TYPE = { generate: 'question-generation', regenerate: 'question-regeneration' } as const;

/** A failure that no retry can fix (the job is discarded and failed at once). */
class PermanentJobError extends Error implements RetryHints {
  readonly retryable = false;
}

async function loadRecord(job: Job<GenerationJobData>) {
  const rec = await GenerationJob.findById(job.data.generationJobId).lean<GenerationJobDoc>();
  if (!rec) throw new PermanentJobError('Generation request not found (it may have been deleted)');
  return rec;
}

async function report(
  job: Job<GenerationJobData>,
  rec: GenerationJobDoc,
  progress: number,
  stage: GenerationStage,
) {
  await Promise.all([
    job.progress(progress),
    GenerationJob.updateOne({ _id: rec._id }, { $set: { progress, stage } }),
    publishUserEvent(String(rec.user), 'job:progress', {
      jobId: String(rec._id),
      jobType: JOB_TYPE[rec.type],
      progress,
      stage,
    }),
  ]);
}

function summary(rec: Pick<GenerationJobDoc, 'resultIds'>): GenerationResult {
  return { success: true, count: rec.resultIds.length, questionIds: rec.resultIds.map(String) };
}

async function complete(
  job: Job<GenerationJobData>,
  rec: GenerationJobDoc,
  ids: Types.ObjectId[],
  fromCache = 0,
) {
  const userId = String(rec.user);
  // Recorded before the record turns completed, so whoever sees it completed also sees its duration.
  if (rec.type === 'generate' && rec.status !== 'completed')
    await recordGenerationDuration(Date.now() - new Date(rec.createdAt).getTime());
  // The notification is written before the record turns `completed`: whoever sees the job finished
  // (status endpoint, regenerate's wait, the `done` event) can already read it. A re-run after a crash
  // between the two writes finishes the record; the notification's dedupe key keeps it single.
  await notifyJobComplete(userId, JOB_TYPE[rec.type], String(rec._id), {
    count: ids.length,
    sessionId: String(rec.session),
    ...(rec.uncoveredTopics?.length ? { uncoveredTopics: rec.uncoveredTopics } : {}),
  });
  await GenerationJob.updateOne(
    { _id: rec._id },
    {
      $set: {
        status: 'completed',
        stage: 'done',
        progress: 100,
        resultIds: ids,
        reservedIds: [],
        fromCache,
        completedAt: new Date(),
      },
      $unset: { error: 1 },
    },
  );
  await job.progress(100);
  await publishUserEvent(userId, 'job:progress', {
    jobId: String(rec._id),
    jobType: JOB_TYPE[rec.type],
    progress: 100,
    stage: 'done',
  });
  return summary({ resultIds: ids });
}

/** Slots pushed by an earlier run whose questions never got inserted. */
async function releaseDangling(rec: GenerationJobDoc): Promise<void> {
  if (!rec.reservedIds?.length) return;
  const present = await Question.find({ _id: trusted({ $in: rec.reservedIds }) })
    .select('_id')
    .lean();
  const have = new Set(present.map((p) => String(p._id)));
  await releaseSlots(
    rec.session,
    rec.reservedIds.filter((id) => !have.has(String(id))),
  );
  await GenerationJob.updateOne({ _id: rec._id }, { $set: { reservedIds: [] } });
}

/** Rounds a job may take to deliver its count when concurrent jobs race the same texts in first. */
const MAX_FILL_ROUNDS = 3;

async function runGenerate(job: Job<GenerationJobData>, rec: GenerationJobDoc): Promise<GenerationResult> {
  const limit = config.limits.sessionQuestionLimit;
  await releaseDangling(rec);
  const mine = await Question.find({ generationJob: rec._id }).sort({ createdAt: 1 }).select('_id').lean();
  if (mine.length)
    return complete(
      job,
      rec,
      mine.map((m) => m._id),
    );

  const slots = await sessionSlots(rec.session, rec.user);
  if (!slots) throw new PermanentJobError('Session not found');
  const remaining = limit - slots.length;
  if (remaining <= 0)
    throw new PermanentJobError(`Session has reached maximum number of questions (${limit})`);
  const want = Math.min(rec.params.count, remaining);

  // A round can save fewer than asked when a concurrent job saved the same text first (both took it
  // from the shared pool): the next round asks for the shortfall, avoiding what the session now has.
  const saved: QuestionDto[] = [];
  let fromCache = 0;
  for (let round = 0; round < MAX_FILL_ROUNDS && saved.length < want; round++) {
    const got = await fillRound(job, rec, want - saved.length);
    saved.push(...got.inserted);
    fromCache += Math.min(got.fromCache, got.inserted.length);
    if (!got.inserted.length) {
      if (saved.length) break; // keep what this job saved; the session is full or only duplicates came back
      const now = await sessionSlots(rec.session);
      if (!now) throw new PermanentJobError('Session not found');
      if (now.length >= limit)
        throw new PermanentJobError(`Session has reached maximum number of questions (${limit})`);
      throw new AiError(
        'bad_output',
        got.offered
          ? 'No new questions could be saved'
          : 'No new questions generated (all were duplicates of existing ones)',
      );
    }
  }
  return complete(
    job,
    rec,
    saved.map((q) => new Types.ObjectId(q._id)),
    fromCache,
  );
}

type QuestionDto = ReturnType<typeof toQuestionDto>;

/** One pool-or-model round: up to `need` new questions saved into the session (announced live). */
async function fillRound(job: Job<GenerationJobData>, rec: GenerationJobDoc, need: number) {
  const { fps, texts } = await sessionFingerprints(rec.session);
  const params = rec.params;
  // The pool may have filled since the api looked (an identical request finished first).
  let items = await takeFromPool(cacheParams(params), fps, need, { countMetric: false });
  let fromCache = items.length;
  if (items.length < need) {
    await report(job, rec, 30, 'calling model');
    const ai = getAiProvider();
    const generated = (
      await ai.generateQuestions({
        role: params.role,
        experience: params.experience,
        topics: params.topics,
        count: need,
        ...(params.difficulty ? { difficulty: params.difficulty } : {}),
        ...(params.description ? { description: params.description } : {}),
        avoid: texts,
      })
    ).map((g) => ({ ...g, provider: ai.name }));
    // Only output whose input was the shared profile is pooled: a private description or the user's own
    // questions in the avoid list could steer it (prompt injection), so that output stays with its owner.
    if (!params.description && (await avoidListIsShared(cacheParams(params), fps)))
      await addToPool(cacheParams(params), generated);
    items = generated;
    fromCache = 0;
  }
  const fresh = items.filter((g) => !fps.has(questionFingerprint(g.question)));
  if (!fresh.length) return { inserted: [], fromCache: 0, offered: false };

  await report(job, rec, 70, 'saving');
  const inserted = await insertQuestions(rec.session, rec.user, fresh.slice(0, need).map(fromGenerated), {
    generationJob: rec._id,
    onReserved: (ids) =>
      GenerationJob.updateOne({ _id: rec._id }, { $set: { reservedIds: ids } }).then(() => undefined),
  });
  for (const q of inserted)
    void publishUserEvent(String(rec.user), 'question:generated', {
      sessionId: String(rec.session),
      jobId: String(rec._id),
      question: q,
    });
  return { inserted, fromCache, offered: true };
}

async function runRegenerate(job: Job<GenerationJobData>, rec: GenerationJobDoc): Promise<GenerationResult> {
  const question = await Question.findOne({ _id: rec.question, user: rec.user }).lean();
  if (!question) throw new PermanentJobError('Question not found');
  const { fps, texts } = await sessionFingerprints(question.session);
  await report(job, rec, 30, 'calling model');
  const ai = getAiProvider();
  const generated = await ai.generateQuestions({
    role: rec.params.role,
    experience: rec.params.experience,
    topics: rec.params.topics,
    count: 1,
    difficulty: question.difficulty,
    ...(rec.params.description ? { description: rec.params.description } : {}),
    avoid: texts,
  });
  const next = generated.find((g) => !fps.has(questionFingerprint(g.question)));
  if (!next) throw new AiError('bad_output', 'The AI returned a question the session already has');
  await report(job, rec, 70, 'saving');
  // Only the text changes: pin, notes, difficulty, category and tags survive.
  try {
    await setQuestionFields(question, {
      question: next.question,
      answer: next.answer,
      source: 'ai',
      provider: ai.name,
    });
  } catch (err) {
    if (err instanceof ConflictError)
      throw new AiError('bad_output', 'The new question duplicates another one in the session');
    throw err;
  }
  const view = await Question.findById(question._id).lean();
  if (view) {
    // The same shape as every response: the question keeps its practice figures across regeneration.
    const [shown] = await withMastery(String(rec.user), [toQuestionDto(view)]);
    void publishUserEvent(String(rec.user), 'question:generated', {
      sessionId: String(rec.session),
      jobId: String(rec._id),
      question: shown,
      regenerated: true,
    });
  }
  return complete(job, rec, [question._id]);
}

/** Errors without their own retry delay back off exponentially from AI_RETRY_BASE_MS. */
export function withBackoff(err: Error & RetryHints, attemptsMade: number): Error & RetryHints {
  if (err.retryAfterMs === undefined && err.retryable !== false) {
    Object.defineProperty(err, 'retryAfterMs', {
      value: config.worker.aiRetryBaseMs * 2 ** attemptsMade,
      configurable: true,
    });
  }
  return err;
}

export const generationProcessor: ProcessorDefinition<GenerationJobData, GenerationResult> = {
  queue: GENERATION_QUEUE,
  async handle(job) {
    const rec = await loadRecord(job);
    if (rec.status === 'completed') return summary(rec);
    // Failed for good (e.g. the api could not confirm the enqueue and answered 503): never run it.
    if (rec.status === 'failed') throw new PermanentJobError(rec.error ?? 'The request was cancelled');
    await GenerationJob.updateOne(
      { _id: rec._id },
      { $set: { status: 'active', attempts: job.attemptsMade + 1 } },
    );
    try {
      return rec.type === 'regenerate' ? await runRegenerate(job, rec) : await runGenerate(job, rec);
    } catch (error) {
      const err = withBackoff(error as Error & RetryHints, job.attemptsMade);
      if (!isFinalAttempt(job, err)) {
        await GenerationJob.updateOne(
          { _id: rec._id },
          { $set: { status: 'delayed', error: err.message } },
        ).catch(() => undefined);
      }
      throw err;
    }
  },
  async onFinalFailure(job, err) {
    await failGeneration(job.data.generationJobId, err.message);
  },
};

/**
 * Ends a generation record as failed and tells its user, exactly once: the status moves to `failed` only
 * from an unfinished state, and only the caller that moved it releases slots and notifies. Called by the
 * final attempt, by the queue's own failure (stalled too often) and by the reconciler, possibly at once.
 */
export async function failGeneration(recId: string, message: string): Promise<boolean> {
  const current = await GenerationJob.findById(recId).lean<GenerationJobDoc>();
  if (!current || current.status === 'completed' || current.status === 'failed') return false;
  // As on success, the notice is written before the record says `failed`, so whoever sees the job
  // failed can read it; its dedupe key keeps it single when several callers race here.
  await notifyJobFailed(String(current.user), JOB_TYPE[current.type], String(current._id), message);
  const rec = await GenerationJob.findOneAndUpdate(
    { _id: recId, status: trusted({ $nin: ['completed', 'failed'] }) },
    { $set: { status: 'failed', stage: 'failed', error: message } },
  ).lean<GenerationJobDoc>();
  if (!rec) return false;
  await releaseDangling(rec).catch((e: Error) =>
    logger.warn('could not release reserved slots', { error: e.message }),
  );
  await publishUserEvent(String(rec.user), 'job:progress', {
    jobId: String(rec._id),
    jobType: JOB_TYPE[rec.type],
    progress: rec.progress,
    stage: 'failed',
  });
  return true;
}
