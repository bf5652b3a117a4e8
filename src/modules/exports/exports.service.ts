import type { Readable } from 'node:stream';
import { trusted, Types } from 'mongoose';
import { config } from '../../config';
import { BadRequestError, NotFoundError } from '../../lib/errors';
import { logger } from '../../infra/logger';
import { getQueue } from '../../infra/queues';
import { deleteFiles, findFile, openDownload } from '../../infra/storage';
import { sessionStats } from '../questions/questions.service';
import type { GenericJobStatus } from '../queue/queue.service';
import { CONTENT_TYPES, Export, type ExportDoc, type ExportFormat } from './export.model';

/**
 * Exports, api side: record + enqueue, status, list, delete, download (streamed from GridFS), and the
 * clean-ups (expiry, session and account deletion). Rendering runs in the worker (exports.jobs.ts).
 * A record past `expiresAt` is removed with its file whenever it is read, and by the periodic sweep.
 */
export const EXPORT_QUEUE = 'export-generation' as const;
export const EXPORTS_BUCKET = 'exports';
export const EXPORT_JOB_TYPE = 'export-generation';
/** How often the worker's sweep removes expired exports (a Bull repeatable job). */
export const SWEEP_EVERY_MS = 15 * 60_000;

export type ExportJobData =
  | { userId: string; requestId?: string; kind: 'render'; exportId: string }
  | { userId: string; requestId?: string; kind: 'sweep' };

export const statusUrl = (jobId: string) => `/api/v1/export/status/${jobId}`;
export const downloadUrl = (filename: string) => `/api/v1/export/download/${filename}`;
export const ttlMs = () => config.limits.exportTtlHours * 3600_000;

export interface ExportView {
  _id: string;
  jobId: string;
  sessionId: string;
  format: ExportFormat;
  status: ExportDoc['status'];
  progress: number;
  filename: string;
  size?: number;
  questionCount?: number;
  error?: string;
  downloadUrl?: string;
  createdAt: Date;
  completedAt?: Date;
  expiresAt: Date;
}

export function toExportView(rec: ExportDoc): ExportView {
  const view: ExportView = {
    _id: String(rec._id),
    jobId: String(rec._id),
    sessionId: String(rec.session),
    format: rec.format,
    status: rec.status,
    progress: rec.status === 'completed' ? 100 : rec.progress,
    filename: rec.filename,
    createdAt: rec.createdAt,
    expiresAt: rec.expiresAt,
  };
  if (rec.size !== undefined) view.size = rec.size;
  if (rec.questionCount !== undefined) view.questionCount = rec.questionCount;
  if (rec.error) view.error = rec.error;
  if (rec.completedAt) view.completedAt = rec.completedAt;
  if (rec.status === 'completed') view.downloadUrl = downloadUrl(rec.filename);
  return view;
}

const isObjectId = (id: string) => /^[a-f\d]{24}$/i.test(id);

/** POST /export/export/:sessionId?format= — 404 for a session that is not the user's, 400 when it is empty. */
export async function requestExport(
  userId: string,
  sessionId: string,
  format: ExportFormat,
  requestId?: string,
): Promise<ExportView> {
  const { stats } = await sessionStats(userId, sessionId);
  if (stats.total === 0) throw new BadRequestError('No questions found for export', 'empty_session');
  const rec = await createRecord(userId, sessionId, format);
  try {
    // The record id is the Bull job id: adding the same export twice is a no-op for Bull.
    await getQueue(EXPORT_QUEUE).add(
      { userId, requestId, kind: 'render', exportId: String(rec._id) } satisfies ExportJobData,
      { jobId: String(rec._id) },
    );
  } catch (err) {
    await Export.deleteOne({ _id: rec._id }).catch(() => undefined);
    throw err;
  }
  void ensureSweepScheduled();
  return toExportView(rec.toObject() as ExportDoc);
}

async function createRecord(userId: string, sessionId: string, format: ExportFormat) {
  const now = Date.now();
  // Two exports of one session in the same millisecond would share a name: the next millisecond is free.
  for (let bump = 0; ; bump++) {
    try {
      return await Export.create({
        user: userId,
        session: sessionId,
        format,
        filename: `questions_${sessionId}_${now + bump}.${format}`,
        expiresAt: new Date(now + ttlMs()),
      });
    } catch (err) {
      if ((err as { code?: number }).code !== 11000 || bump >= 5) throw err;
    }
  }
}

let sweepScheduled: Promise<void> | undefined;

/**
 * The expiry sweep is a Bull repeatable job on the export queue, so exactly one worker runs it each
 * period however many are running. Scheduling is idempotent (same repeat key); the first export
 * request of each api process makes sure it exists.
 */
export function ensureSweepScheduled(): Promise<void> {
  sweepScheduled ??= getQueue(EXPORT_QUEUE)
    .add({ userId: 'system', kind: 'sweep' } satisfies ExportJobData, {
      jobId: 'export-expiry-sweep',
      repeat: { every: SWEEP_EVERY_MS },
      attempts: 1,
      removeOnComplete: true,
      removeOnFail: true,
    })
    .then(() => undefined)
    .catch((err: Error) => {
      sweepScheduled = undefined;
      logger.warn('could not schedule the export expiry sweep', { error: err.message });
    });
  return sweepScheduled;
}

/** Removes records and their files (and a job still waiting in Bull). Returns how many records went. */
async function removeExports(recs: Array<Pick<ExportDoc, '_id'>>): Promise<number> {
  if (!recs.length) return 0;
  const ids = recs.map((r) => r._id);
  const { deletedCount } = await Export.deleteMany({ _id: trusted({ $in: ids }) });
  await deleteFiles(EXPORTS_BUCKET, { 'metadata.exportId': { $in: ids } });
  const queue = getQueue(EXPORT_QUEUE);
  for (const id of ids) {
    // An active job finds its record gone and drops its own file (exports.jobs.ts).
    const job = await queue.getJob(String(id)).catch(() => null);
    if (job && !(await job.isActive().catch(() => true))) await job.remove().catch(() => undefined);
  }
  return deletedCount ?? ids.length;
}

async function removeExpired(filter: Record<string, unknown>, now = new Date()): Promise<number> {
  const expired = await Export.find({ ...filter, expiresAt: trusted({ $lte: now }) })
    .select('_id')
    .lean();
  return removeExports(expired);
}

/** The user's export by job id, or null (not theirs, not an id, or expired — expired ones are removed). */
export async function findExport(userId: string, jobId: string): Promise<ExportDoc | null> {
  if (!isObjectId(jobId)) return null;
  const rec = await Export.findOne({ _id: jobId, user: userId }).lean<ExportDoc>();
  if (!rec) return null;
  if (rec.expiresAt.getTime() <= Date.now()) {
    await removeExports([rec]);
    return null;
  }
  return rec;
}

export async function getExport(userId: string, jobId: string): Promise<ExportView> {
  const rec = await findExport(userId, jobId);
  if (!rec) throw new NotFoundError('Export job not found', 'export_not_found');
  return toExportView(rec);
}

export async function listExports(userId: string, page: number, limit: number) {
  await removeExpired({ user: new Types.ObjectId(userId) });
  const filter = { user: userId };
  const [recs, total] = await Promise.all([
    Export.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((page - 1) * limit)
      .limit(limit)
      .lean<ExportDoc[]>(),
    Export.countDocuments(filter),
  ]);
  return { exports: recs.map(toExportView), total };
}

export async function deleteExport(userId: string, jobId: string): Promise<void> {
  const rec = await findExport(userId, jobId);
  if (!rec) throw new NotFoundError('Export job not found', 'export_not_found');
  await removeExports([rec]);
}

export interface ExportDownload {
  stream: Readable;
  length: number;
  contentType: string;
  filename: string;
}

/** Only the owner's completed, unexpired export; anything else is the same 404. */
export async function openExportDownload(userId: string, filename: string): Promise<ExportDownload> {
  const notFound = new NotFoundError('File not found or not accessible', 'file_not_found');
  const rec = await Export.findOne({ filename, user: userId }).lean<ExportDoc>();
  if (!rec) throw notFound;
  if (rec.expiresAt.getTime() <= Date.now()) {
    await removeExports([rec]);
    throw notFound;
  }
  if (rec.status !== 'completed' || !rec.fileId) throw notFound;
  const file = await findFile(EXPORTS_BUCKET, rec.fileId);
  if (!file) throw notFound;
  return {
    stream: openDownload(EXPORTS_BUCKET, rec.fileId),
    length: file.length,
    contentType: CONTENT_TYPES[rec.format],
    filename: rec.filename,
  };
}

/** Session deletion hook. */
export async function deleteSessionExports(sessionId: string): Promise<number> {
  const recs = await Export.find({ session: sessionId }).select('_id').lean();
  return removeExports(recs);
}

/** Account deletion hook. */
export async function deleteUserExports(userId: string): Promise<number> {
  const recs = await Export.find({ user: userId }).select('_id').lean();
  const removed = await removeExports(recs);
  // Files of records that are already gone (a render that finished after its record was deleted).
  await deleteFiles(EXPORTS_BUCKET, { 'metadata.userId': userId });
  return removed;
}

/**
 * The periodic clean-up: expired records with their files, and any file past its expiry whose record
 * is already gone (so nothing outlives EXPORT_TTL_HOURS, whatever crashed in between).
 */
export async function sweepExpiredExports(now = new Date()): Promise<{ records: number; files: number }> {
  const records = await removeExpired({}, now);
  const files = await deleteFiles(EXPORTS_BUCKET, { 'metadata.expiresAt': { $lte: now } });
  return { records, files };
}

/** Export status for `/queue/job/:jobId` (any job kind); null when the user has no such export. */
export async function getExportJobStatus(userId: string, jobId: string): Promise<GenericJobStatus | null> {
  const rec = await findExport(userId, jobId);
  if (!rec) return null;
  const v = toExportView(rec);
  return {
    jobId: v.jobId,
    type: EXPORT_JOB_TYPE,
    status: v.status,
    progress: v.progress,
    ...(v.error ? { error: v.error } : {}),
    message: exportMessage(v),
    extra: {
      format: v.format,
      filename: v.filename,
      ...(v.downloadUrl ? { downloadUrl: v.downloadUrl } : {}),
      expiresAt: v.expiresAt,
    },
  };
}

export function exportMessage(v: Pick<ExportView, 'status'>): string {
  if (v.status === 'completed') return 'Export completed successfully';
  if (v.status === 'failed') return 'Export failed';
  return `Export is ${v.status}`;
}
