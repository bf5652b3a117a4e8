import { Schema, model, type Types } from 'mongoose';

export const GENERATION_JOB_TYPES = ['generate', 'regenerate'] as const;
export type GenerationJobType = (typeof GENERATION_JOB_TYPES)[number];
/** Bull-like state names, so the status endpoints read the same as the old API's. */
export const GENERATION_JOB_STATUS = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
export type GenerationJobStatus = (typeof GENERATION_JOB_STATUS)[number];
export type GenerationStage = 'queued' | 'calling model' | 'saving' | 'done' | 'failed';

/**
 * One record per generation request. Its `_id` is the Bull job id (deterministic: re-adding the same
 * request never creates a second job), status outlives Bull's retention, and ownership is checked here.
 */
const generationJobSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    session: { type: Schema.Types.ObjectId, ref: 'Session', required: true },
    type: { type: String, enum: GENERATION_JOB_TYPES, required: true },
    /** For regenerate: the question being replaced. */
    question: { type: Schema.Types.ObjectId, ref: 'Question' },
    params: {
      role: String,
      experience: String,
      topics: [String],
      count: Number,
      difficulty: String,
      description: String,
    },
    status: { type: String, enum: GENERATION_JOB_STATUS, default: 'waiting' },
    stage: { type: String, default: 'queued' },
    progress: { type: Number, default: 0 },
    attempts: { type: Number, default: 0 },
    error: { type: String },
    /** Slots pushed onto the session before inserting (released on re-run if their inserts never happened). */
    reservedIds: { type: [Schema.Types.ObjectId], default: [] },
    resultIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Requested topics the offline bank does not cover, with the topic used instead (reported back). */
    uncoveredTopics: {
      type: [{ _id: false, topic: String, closestTopic: { type: String, default: null } }],
      default: undefined,
    },
    /** Generated questions served from the generation cache pool (not counted as AI output). */
    fromCache: { type: Number, default: 0 },
    completedAt: Date,
  },
  { timestamps: true, versionKey: false },
);

generationJobSchema.index({ user: 1, createdAt: -1 });
generationJobSchema.index({ session: 1 });

export interface GenerationJobDoc {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  session: Types.ObjectId;
  type: GenerationJobType;
  question?: Types.ObjectId;
  params: {
    role: string;
    experience: string;
    topics: string[];
    count: number;
    difficulty?: 'easy' | 'medium' | 'hard';
    description?: string;
  };
  status: GenerationJobStatus;
  stage: GenerationStage;
  progress: number;
  attempts: number;
  error?: string;
  reservedIds: Types.ObjectId[];
  resultIds: Types.ObjectId[];
  fromCache: number;
  uncoveredTopics?: Array<{ topic: string; closestTopic: string | null }>;
  completedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const GenerationJob = model('GenerationJob', generationJobSchema);
