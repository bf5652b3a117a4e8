import { Schema, model, type Types } from 'mongoose';
import { readVersionPlugin } from '../../infra/read-version';

/** Bull-like state names, as on generation records, so every status endpoint reads the same. */
export const ATTEMPT_STATUS = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUS)[number];

/**
 * One practice answer to a question, and the record of its evaluation job: the attempt's `_id` is the
 * Bull job id (re-adding never creates a second job) and its status outlives Bull's retention.
 * `session`, `topic` and `difficulty` are copied from the question when the answer is given, so the
 * analytics pipelines group attempts without joining questions (a later edit of the question's
 * category does not rewrite past practice).
 */
const attemptSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    question: { type: Schema.Types.ObjectId, ref: 'Question', required: true },
    session: { type: Schema.Types.ObjectId, ref: 'Session', required: true },
    /** The question's category, lower-cased ("general" when it has none). */
    topic: { type: String, required: true },
    difficulty: { type: String, enum: ['easy', 'medium', 'hard'], required: true },
    answer: { type: String, required: true, maxlength: 5000 },
    status: { type: String, enum: ATTEMPT_STATUS, default: 'waiting' },
    progress: { type: Number, default: 0 },
    tries: { type: Number, default: 0 },
    score: { type: Number, min: 0, max: 10 },
    feedback: { type: String },
    strengths: { type: [String], default: undefined },
    improvements: { type: [String], default: undefined },
    /** Which provider scored it (groq or offline). */
    provider: { type: String },
    error: { type: String },
    evaluatedAt: { type: Date },
  },
  { timestamps: true, versionKey: false },
);

// Per-question history (newest first) and mastery.
attemptSchema.index({ user: 1, question: 1, createdAt: -1 });
// Per-user analytics (scored attempts by day) and per-session analytics / cleanup.
attemptSchema.index({ user: 1, status: 1, createdAt: -1 });
attemptSchema.index({ session: 1, status: 1 });
attemptSchema.index({ question: 1 });

export interface AttemptDoc {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  question: Types.ObjectId;
  session: Types.ObjectId;
  topic: string;
  difficulty: 'easy' | 'medium' | 'hard';
  answer: string;
  status: AttemptStatus;
  progress: number;
  tries: number;
  score?: number;
  feedback?: string;
  strengths?: string[];
  improvements?: string[];
  provider?: string;
  error?: string;
  evaluatedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

// Writes bump the owner's read version, so cached reads (http/read-cache.ts) never outlive them.
attemptSchema.plugin(readVersionPlugin);

export const Attempt = model('Attempt', attemptSchema);
