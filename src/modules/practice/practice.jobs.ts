import type { Job } from 'bull';
import { trusted } from 'mongoose';
import { AiError } from '../../ai/errors';
import { truncate } from '../../ai/text';
import { publishUserEvent } from '../../infra/events';
import { logger } from '../../infra/logger';
import { findOpenRecords, type JobRecordKind } from '../../infra/job-records';
import { isFinalAttempt, type ProcessorDefinition, type RetryHints } from '../../infra/queues';
import { invalidateUserAnalytics } from '../analytics/analytics.cache';
import { enqueueEmail } from '../email/email.queue';
import type { JobFinishedMailData } from '../email/templates';
import { notifyJobComplete, notifyJobFailed } from '../notifications/notifications.service';
import { getAiProvider } from '../questions/ai-provider';
import { withBackoff } from '../questions/questions.jobs';
import { findOwnedSession } from '../sessions/sessions.service';
import { findUserById } from '../users/user.service';
import { Attempt, type AttemptDoc } from './attempt.model';
import { evaluationResult } from './practice.schemas';
import {
  EVALUATION_JOB_TYPE,
  EVALUATION_QUEUE,
  questionForPractice,
  releaseExplanationJob,
  storeExplanation,
  type PracticeJobData,
} from './practice.service';

/**
 * Worker side of practice, on the `answer-evaluation` queue: `evaluate` scores an attempt, `explain`
 * writes a concept explanation into the per-question cache.
 *
 * Evaluation: the attempt record is the job record (its id is the Bull job id). The provider's output is
 * validated (score 0..10, feedback); malformed or out-of-range output is a retryable bad_output, retried
 * with backoff; after the last attempt the record turns `failed` and the user is notified once. A re-run
 * of a completed attempt returns the stored result (idempotent).
 */
export interface EvaluateResult {
  attemptId: string;
  score: number;
}

class PermanentJobError extends Error implements RetryHints {
  readonly retryable = false;
}

async function progress(job: Job<PracticeJobData>, a: AttemptDoc, value: number, stage: string) {
  await Promise.all([
    job.progress(value),
    Attempt.updateOne({ _id: a._id }, { $set: { progress: value } }),
    publishUserEvent(String(a.user), 'job:progress', {
      jobId: String(a._id),
      jobType: EVALUATION_JOB_TYPE,
      progress: value,
      stage,
    }),
  ]);
}

/** Mail by the user's `practice` preference (the email worker checks it). */
async function mailUser(userId: string, data: JobFinishedMailData): Promise<void> {
  const user = await findUserById(userId);
  if (!user || user.disabled) return;
  await enqueueEmail({
    userId,
    to: user.email,
    template: 'job-finished',
    category: 'practice',
    data: { ...data, fullname: user.fullname },
  }).catch((err: Error) => logger.warn('could not queue practice email', { error: err.message }));
}

async function evaluate(job: Job<Extract<PracticeJobData, { kind: 'evaluate' }>>): Promise<EvaluateResult> {
  const a = await Attempt.findById(job.data.attemptId).lean<AttemptDoc>();
  if (!a) throw new PermanentJobError('Attempt not found (it may have been deleted)');
  if (a.status === 'completed') return { attemptId: String(a._id), score: a.score ?? 0 };
  await Attempt.updateOne({ _id: a._id }, { $set: { status: 'active', tries: job.attemptsMade + 1 } });
  const userId = String(a.user);
  try {
    const question = await questionForPractice(userId, String(a.question));
    if (!question) throw new PermanentJobError('Question not found (it may have been deleted)');
    const session = await findOwnedSession(userId, String(question.session)).catch(() => null);
    await progress(job, a, 30, 'calling model');
    const ai = getAiProvider();
    const raw = await ai.evaluateAnswer({
      question: question.question,
      modelAnswer: question.answer,
      userAnswer: a.answer,
      ...(session ? { role: session.role, experience: session.experience } : {}),
    });
    const parsed = evaluationResult.safeParse(raw);
    if (!parsed.success) throw new AiError('bad_output', 'AI provider returned an invalid evaluation');
    const ev = parsed.data;
    const score = Math.round(ev.score * 10) / 10;
    await Attempt.updateOne(
      { _id: a._id },
      {
        $set: {
          status: 'completed',
          progress: 100,
          score,
          feedback: ev.feedback,
          strengths: ev.strengths,
          improvements: ev.improvements,
          provider: ai.name,
          evaluatedAt: new Date(),
        },
        $unset: { error: 1 },
      },
    );
    await invalidateUserAnalytics(userId);
    await job.progress(100);
    void publishUserEvent(userId, 'job:progress', {
      jobId: String(a._id),
      jobType: EVALUATION_JOB_TYPE,
      progress: 100,
      stage: 'done',
    });
    await notifyJobComplete(userId, EVALUATION_JOB_TYPE, String(a._id), {
      attemptId: String(a._id),
      questionId: String(a.question),
      score,
    });
    await mailUser(userId, {
      title: 'Answer evaluation',
      status: 'completed',
      message: `Your answer to "${truncate(question.question, 120)}" scored ${score}/10. ${ev.feedback}`,
    });
    return { attemptId: String(a._id), score };
  } catch (error) {
    const err = withBackoff(error as Error & RetryHints, job.attemptsMade);
    if (!isFinalAttempt(job, err)) {
      await Attempt.updateOne({ _id: a._id }, { $set: { status: 'delayed', error: err.message } }).catch(
        () => undefined,
      );
    }
    throw err;
  }
}

async function explain(job: Job<Extract<PracticeJobData, { kind: 'explain' }>>) {
  const { userId, questionId, textHash } = job.data;
  try {
    const question = await questionForPractice(userId, questionId);
    if (!question) throw new PermanentJobError('Question not found (it may have been deleted)');
    const ai = getAiProvider();
    const explanation = await ai.explainConcept({
      question: question.question,
      answer: question.answer,
      ...(question.category ? { topic: question.category } : {}),
    });
    await storeExplanation(questionId, textHash, ai.name, explanation);
    return { questionId };
  } catch (error) {
    throw withBackoff(error as Error & RetryHints, job.attemptsMade);
  }
}

export const practiceProcessor: ProcessorDefinition<PracticeJobData, unknown> = {
  queue: EVALUATION_QUEUE,
  handle(job) {
    return job.data.kind === 'explain'
      ? explain(job as Job<Extract<PracticeJobData, { kind: 'explain' }>>)
      : evaluate(job as Job<Extract<PracticeJobData, { kind: 'evaluate' }>>);
  },
  async onFinalFailure(job, err) {
    if (job.data.kind === 'explain') {
      await releaseExplanationJob(job.data.questionId, job.data.textHash);
      return;
    }
    await failEvaluation(job.data.attemptId, err.message);
  },
};

/**
 * Ends an evaluation as failed and tells its user, exactly once: only an unfinished attempt moves to
 * `failed`. Called by the last attempt, by the queue's own failure and by the job reconciler. The notice
 * is written first (its dedupe key keeps it single), so whoever sees the attempt failed can read it.
 */
export async function failEvaluation(attemptId: string, message: string): Promise<boolean> {
  const current = await Attempt.findById(attemptId).lean<AttemptDoc>();
  if (!current || current.status === 'completed' || current.status === 'failed') return false;
  const userId = String(current.user);
  const first = await notifyJobFailed(userId, EVALUATION_JOB_TYPE, attemptId, message);
  const a = await Attempt.findOneAndUpdate(
    { _id: attemptId, status: trusted({ $nin: ['completed', 'failed'] }) },
    { $set: { status: 'failed', error: message } },
    { returnDocument: 'after' },
  ).lean<AttemptDoc>();
  if (!a) return false;
  await publishUserEvent(userId, 'job:progress', {
    jobId: attemptId,
    jobType: EVALUATION_JOB_TYPE,
    progress: a.progress,
    stage: 'failed',
  });
  // The notification is deduplicated per job; the mail goes with the first (and only) one.
  if (first)
    await mailUser(userId, {
      title: 'Answer evaluation',
      status: 'failed',
      message: `We could not score your answer (${message}). Please submit it again.`,
    });
  return true;
}

/** Evaluation records (attempts) for the job reconciler (see infra/job-records.ts). */
export const evaluationJobRecords: JobRecordKind = {
  kind: 'answer-evaluation',
  queue: EVALUATION_QUEUE,
  async findOpen(before, limit) {
    const recs = await findOpenRecords<Pick<AttemptDoc, '_id' | 'user' | 'tries'>>(
      Attempt,
      before,
      limit,
      'user tries',
    );
    return recs.map((r) => {
      const data: PracticeJobData = { userId: String(r.user), kind: 'evaluate', attemptId: String(r._id) };
      return { id: String(r._id), attempts: r.tries ?? 0, data };
    });
  },
  fail: failEvaluation,
};
