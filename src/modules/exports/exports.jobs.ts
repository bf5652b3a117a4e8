import type { Job } from 'bull';
import { trusted, Types } from 'mongoose';
import { NotFoundError } from '../../lib/errors';
import { publishUserEvent } from '../../infra/events';
import { logger } from '../../infra/logger';
import { findOpenRecords, type JobRecordKind } from '../../infra/job-records';
import { isFinalAttempt, type ProcessorDefinition, type RetryHints } from '../../infra/queues';
import { deleteFile, deleteFiles, uploadFile } from '../../infra/storage';
import { enqueueEmail } from '../email/email.queue';
import { notifyJobComplete, notifyJobFailed } from '../notifications/notifications.service';
import { sessionQuestionsCursor, sessionStats } from '../questions/questions.service';
import { findUserById } from '../users/user.service';
import { Export, type ExportDoc } from './export.model';
import {
  downloadUrl,
  EXPORT_JOB_TYPE,
  EXPORT_QUEUE,
  EXPORTS_BUCKET,
  sweepExpiredExports,
  ttlMs,
  type ExportJobData,
} from './exports.service';
import { RENDERERS, type ExportMeta, type ExportQuestion } from './renderers';

/**
 * Worker side of exports: renders the session's questions (streamed from a cursor) straight into a
 * GridFS file, and runs the periodic expiry sweep.
 *
 * No orphan files: every attempt first deletes whatever file an earlier attempt of this export left
 * (files carry `metadata.exportId`), uploads under a fresh id, and only then points the record at it,
 * conditionally on the record still existing; a render whose record was deleted meanwhile removes its
 * own file. A final failure removes any file too.
 */
export interface ExportResult {
  filename?: string;
  format?: string;
  size?: number;
  swept?: { records: number; files: number };
  /** A late run whose record a newer run has claimed. */
  superseded?: boolean;
}

/** A failure no retry can fix (the job is discarded and failed at once). */
class PermanentJobError extends Error implements RetryHints {
  readonly retryable = false;
}

/**
 * Fault injection for tests of the retry path: runs after the upload, before the record is updated.
 * Unset in production.
 */
export const exportTestHooks: {
  afterUpload?: (exportId: string, attempt: number) => void | Promise<void>;
} = {};

const FORMAT_LABEL = { pdf: 'PDF', csv: 'CSV', docx: 'DOCX' } as const;

async function report(rec: ExportDoc, job: Job, progress: number, stage: string) {
  await Promise.all([
    job.progress(progress),
    Export.updateOne({ _id: rec._id }, { $set: { progress } }),
    publishUserEvent(String(rec.user), 'job:progress', {
      jobId: String(rec._id),
      jobType: EXPORT_JOB_TYPE,
      progress,
      stage,
    }),
  ]);
}

async function* exportQuestions(userId: string, sessionId: string): AsyncGenerator<ExportQuestion> {
  for await (const q of sessionQuestionsCursor(userId, sessionId)) {
    yield {
      question: q.question,
      answer: q.answer,
      notes: q.notes ?? '',
      isPinned: Boolean(q.isPinned),
      difficulty: q.difficulty ?? undefined,
      category: q.category ?? '',
      tags: q.tags ?? [],
      createdAt: q.createdAt,
    };
  }
}

async function render(job: Job<ExportJobData>, rec: ExportDoc): Promise<ExportResult> {
  const userId = String(rec.user);
  const sessionId = String(rec.session);
  const attempt = job.attemptsMade + 1;
  // Each run uploads under a fresh id and claims the record with it; a later run (retry, or a stalled
  // job picked up again) takes the claim over.
  const fileId = new Types.ObjectId();
  await Export.updateOne(
    { _id: rec._id },
    { $set: { status: 'active', attempts: attempt, pendingFileId: fileId } },
  );
  // Whatever an earlier attempt uploaded (it may have died between upload and record update) goes first.
  await deleteFiles(EXPORTS_BUCKET, { 'metadata.exportId': rec._id });

  const found = await sessionStats(userId, sessionId).catch((err: Error) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  if (!found) throw new PermanentJobError('Session not found');
  const { stats, session } = found;
  if (stats.total === 0) throw new PermanentJobError('No questions found for export');
  await report(rec, job, 10, 'rendering');

  const meta: ExportMeta = {
    sessionId,
    title: `${session.role} · ${session.experience}`,
    role: session.role,
    experience: session.experience,
    topics: [...session.topics],
    generatedAt: new Date(),
    total: stats.total,
    pinned: stats.pinned,
    byDifficulty: stats.byDifficulty,
  };
  let lastReported = 10;
  const onQuestion = (n: number) => {
    const p = 10 + Math.floor((80 * n) / stats.total);
    if (p >= lastReported + 10) {
      lastReported = p;
      void report(rec, job, p, 'rendering').catch(() => undefined);
    }
  };
  const expiresAt = new Date(Date.now() + ttlMs());
  const stream = RENDERERS[rec.format](meta, exportQuestions(userId, sessionId), onQuestion);
  const { length } = await uploadFile(EXPORTS_BUCKET, fileId, rec.filename, stream, {
    metadata: { exportId: rec._id, userId, format: rec.format, attempt, expiresAt },
  });
  await exportTestHooks.afterUpload?.(String(rec._id), attempt);

  // Only the run holding the claim may complete the record: a run Bull timed out (its handler is not
  // cancelled) that finishes late must not point the record at its file.
  const done = await Export.findOneAndUpdate(
    { _id: rec._id, pendingFileId: fileId },
    {
      $set: {
        status: 'completed',
        progress: 100,
        fileId,
        size: length,
        questionCount: stats.total,
        completedAt: new Date(),
        expiresAt,
      },
      $unset: { error: 1, pendingFileId: 1 },
    },
    { returnDocument: 'after' },
  ).lean<ExportDoc>();
  if (!done) {
    // This attempt's file goes, nothing else. Deleted while rendering (by its owner, a session or
    // account deletion): fail for good. Superseded by a later run: step aside quietly (throwing
    // would run the final-failure hook against the run that owns the record now).
    await deleteFile(EXPORTS_BUCKET, fileId);
    if (!(await Export.exists({ _id: rec._id })))
      throw new PermanentJobError('Export was deleted while it was being rendered');
    return { superseded: true };
  }
  await job.progress(100);
  void publishUserEvent(userId, 'job:progress', {
    jobId: String(rec._id),
    jobType: EXPORT_JOB_TYPE,
    progress: 100,
    stage: 'done',
  });
  const url = downloadUrl(done.filename);
  await notifyJobComplete(userId, EXPORT_JOB_TYPE, String(rec._id), {
    filename: done.filename,
    format: done.format,
    downloadUrl: url,
    size: length,
  });
  await mailReady(userId, done, url);
  return { filename: done.filename, format: done.format, size: length };
}

/** "Export ready" mail; the email processor skips it when the user turned export mails off. */
async function mailReady(userId: string, rec: ExportDoc, url: string) {
  try {
    const user = await findUserById(userId);
    if (!user || user.disabled) return;
    await enqueueEmail({
      userId,
      to: user.email,
      template: 'job-finished',
      category: 'export',
      data: {
        fullname: user.fullname,
        title: `${FORMAT_LABEL[rec.format]} export`,
        status: 'completed',
        message: `Your export of ${rec.questionCount ?? 'the'} questions (${rec.filename}) can be downloaded until ${rec.expiresAt.toUTCString()}.`,
        link: url,
        linkText: 'Download',
      },
    });
  } catch (err) {
    logger.warn('could not enqueue the export-ready mail', { error: (err as Error).message });
  }
}

export const exportProcessor: ProcessorDefinition<ExportJobData, ExportResult> = {
  queue: EXPORT_QUEUE,
  async handle(job) {
    const data = job.data;
    if (data.kind === 'sweep') return { swept: await sweepExpiredExports() };
    const rec = await Export.findById(data.exportId).lean<ExportDoc>();
    if (!rec) throw new PermanentJobError('Export not found (it may have been deleted)');
    if (rec.status === 'completed') return { filename: rec.filename, format: rec.format, size: rec.size };
    try {
      return await render(job, rec);
    } catch (error) {
      const err = error as Error & RetryHints;
      if (!isFinalAttempt(job, err)) {
        await Export.updateOne({ _id: rec._id }, { $set: { status: 'delayed', error: err.message } }).catch(
          () => undefined,
        );
      }
      throw err;
    }
  },
  async onFinalFailure(job, err) {
    if (job.data.kind === 'render') await failExport(job.data.exportId, err.message);
  },
};

/**
 * Ends an export as failed and tells its owner, exactly once: only an unfinished record moves to
 * `failed`. Called by the last attempt, by the queue's own failure and by the job reconciler. The notice
 * is written first (its dedupe key keeps it single), so whoever sees the export failed can read it.
 */
export async function failExport(exportId: string, message: string): Promise<boolean> {
  const current = await Export.findById(exportId).lean<ExportDoc>();
  if (!current || current.status === 'completed' || current.status === 'failed') return false;
  await notifyJobFailed(String(current.user), EXPORT_JOB_TYPE, exportId, message);
  await deleteFiles(EXPORTS_BUCKET, { 'metadata.exportId': new Types.ObjectId(exportId) });
  const rec = await Export.findOneAndUpdate(
    { _id: exportId, status: trusted({ $nin: ['completed', 'failed'] }) },
    { $set: { status: 'failed', error: message }, $unset: { fileId: 1, size: 1 } },
    { returnDocument: 'after' },
  ).lean<ExportDoc>();
  if (!rec) return false;
  await publishUserEvent(String(rec.user), 'job:progress', {
    jobId: String(rec._id),
    jobType: EXPORT_JOB_TYPE,
    progress: rec.progress,
    stage: 'failed',
  });
  return true;
}

/** Export records for the job reconciler (see infra/job-records.ts). */
export const exportJobRecords: JobRecordKind = {
  kind: 'export-generation',
  queue: EXPORT_QUEUE,
  async findOpen(before, limit) {
    const recs = await findOpenRecords<Pick<ExportDoc, '_id' | 'user' | 'attempts'>>(
      Export,
      before,
      limit,
      'user attempts',
    );
    return recs.map((r) => {
      const data: ExportJobData = { userId: String(r.user), kind: 'render', exportId: String(r._id) };
      return { id: String(r._id), attempts: r.attempts ?? 0, data };
    });
  },
  fail: failExport,
};
