import { Schema, model, type Types } from 'mongoose';

export const EXPORT_FORMATS = ['pdf', 'csv', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
/** The old naming scheme `questions_<sessionId>_<ms timestamp>.<ext>`; anything else is not an export. */
export const EXPORT_FILENAME = /^questions_[a-f\d]{24}_\d{10,16}\.(pdf|csv|docx)$/;
/** Bull-like state names, so the status endpoints read the same as the old API's. */
export const EXPORT_STATUS = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUS)[number];

/**
 * One record per export request. Its `_id` is the Bull job id, so status outlives Bull's retention and
 * ownership is checked here. The file lives in the GridFS bucket `exports` under `fileId`; the file's
 * metadata names this record (`metadata.exportId`), so any file a crashed attempt left can be found.
 */
const exportSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    session: { type: Schema.Types.ObjectId, ref: 'Session', required: true },
    format: { type: String, enum: EXPORT_FORMATS, required: true },
    status: { type: String, enum: EXPORT_STATUS, default: 'waiting' },
    progress: { type: Number, default: 0 },
    attempts: { type: Number, default: 0 },
    /** `questions_<sessionId>_<timestamp>.<ext>`, the old scheme; unique, it names the download. */
    filename: { type: String, required: true },
    fileId: { type: Schema.Types.ObjectId },
    /** The file id of the run in progress: only that run may complete the record (a stale run may not). */
    pendingFileId: { type: Schema.Types.ObjectId },
    size: { type: Number },
    questionCount: { type: Number },
    error: { type: String },
    completedAt: { type: Date },
    /** After this the record and its file are removed (sweep in the worker, and on read). */
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true, versionKey: false },
);

exportSchema.index({ user: 1, createdAt: -1 });
exportSchema.index({ filename: 1 }, { unique: true });
exportSchema.index({ session: 1 });
exportSchema.index({ expiresAt: 1 });

export interface ExportDoc {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  session: Types.ObjectId;
  format: ExportFormat;
  status: ExportStatus;
  progress: number;
  attempts: number;
  filename: string;
  fileId?: Types.ObjectId;
  pendingFileId?: Types.ObjectId;
  size?: number;
  questionCount?: number;
  error?: string;
  completedAt?: Date;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const Export = model('Export', exportSchema);
