import { Schema, model, type Types } from 'mongoose';
import { questionFingerprint } from './fingerprint';
import { buildSearchFields } from './search-tokens';
import { readVersionPlugin } from '../../infra/read-version';

export const DIFFICULTY = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTY)[number];
export const QUESTION_SOURCES = ['ai', 'custom', 'template'] as const;
/** Which AI provider wrote a question; absent on questions people wrote (custom, template). */
export const QUESTION_PROVIDERS = ['groq', 'offline'] as const;
export type QuestionProvider = (typeof QUESTION_PROVIDERS)[number];

/**
 * A question. `user` (the owner) is denormalised from the session for fast ownership checks and bulk
 * work. `fingerprint` (normalised text hash) is unique per session: inserts go by fingerprint, so a
 * retried or re-run job never duplicates a question. The search token fields are hidden from reads
 * (`select: false`) and maintained by the pre-validate hook (create/save) or `textFields()` (updates).
 */
const questionSchema = new Schema(
  {
    session: { type: Schema.Types.ObjectId, ref: 'Session', required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    question: { type: String, required: true, trim: true, minlength: 5, maxlength: 2000 },
    answer: { type: String, required: true, trim: true, minlength: 10, maxlength: 5000 },
    notes: { type: String, trim: true, maxlength: 1000, default: '' },
    isPinned: { type: Boolean, default: false },
    difficulty: {
      type: String,
      enum: { values: DIFFICULTY, message: '{VALUE} is not a valid difficulty level' },
      default: 'medium',
    },
    category: { type: String, trim: true, maxlength: 100, default: '' },
    tags: { type: [{ type: String, trim: true, maxlength: 50 }], default: [] },
    source: { type: String, enum: QUESTION_SOURCES, default: 'custom' },
    provider: { type: String, enum: QUESTION_PROVIDERS },
    isAnswered: { type: Boolean, default: true },
    /** The generation request that created it (idempotent re-runs find their own output). */
    generationJob: { type: Schema.Types.ObjectId, select: false },
    fingerprint: { type: String, required: true, select: false },
    searchTokens: { type: [String], select: false },
  },
  { timestamps: true },
);

questionSchema.index({ session: 1, fingerprint: 1 }, { unique: true });
questionSchema.index({ session: 1, createdAt: 1 });
questionSchema.index({ session: 1, isPinned: -1, createdAt: -1 });
questionSchema.index({ session: 1, difficulty: 1 });
questionSchema.index({ session: 1, category: 1 });
questionSchema.index({ session: 1, tags: 1 });
questionSchema.index({ user: 1, createdAt: -1 });
questionSchema.index({ generationJob: 1 }, { sparse: true });
// Search: the user's questions holding any of the query's tokens (MongoDB and the embedded server both
// answer `{user, searchTokens: {$in}}` from this index).
questionSchema.index({ user: 1, searchTokens: 1 });
// Search by filters alone (no text): the user's questions of one difficulty / pin state / tag. Both
// MongoDB and the embedded server's hash planner answer `{user, difficulty}` etc. from these instead of
// scanning every user's questions.
questionSchema.index({ user: 1, difficulty: 1 });
questionSchema.index({ user: 1, isPinned: 1 });
questionSchema.index({ user: 1, tags: 1 });
// A user's questions by date range only (hash indexes need equality on every field of a compound key).
questionSchema.index({ user: 1 });

/** Fingerprint and search tokens for a question's text fields. */
export function textFields(q: {
  question: string;
  answer: string;
  category?: string | null;
  tags?: readonly string[] | null;
}) {
  return { fingerprint: questionFingerprint(q.question), ...buildSearchFields(q) };
}

questionSchema.pre('validate', function () {
  if (
    this.isNew ||
    this.isModified('question') ||
    this.isModified('answer') ||
    this.isModified('category') ||
    this.isModified('tags')
  ) {
    if (typeof this.question === 'string' && typeof this.answer === 'string') {
      const f = textFields({
        question: this.question.trim(),
        answer: this.answer.trim(),
        category: this.category,
        tags: this.tags,
      });
      this.set(f);
    }
  }
});

/** @public The stored shape of a question, for lean reads in other features. */
export interface QuestionDoc {
  _id: Types.ObjectId;
  session: Types.ObjectId;
  user: Types.ObjectId;
  question: string;
  answer: string;
  notes: string;
  isPinned: boolean;
  difficulty: Difficulty;
  category: string;
  tags: string[];
  source: (typeof QUESTION_SOURCES)[number];
  provider?: QuestionProvider;
  isAnswered: boolean;
  createdAt: Date;
  updatedAt: Date;
  __v?: number;
}

// Writes bump the owner's read version, so cached reads (http/read-cache.ts) never outlive them.
questionSchema.plugin(readVersionPlugin);

export const Question = model('Question', questionSchema);
