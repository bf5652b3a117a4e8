import { Schema, model } from 'mongoose';
import { readVersionPlugin } from '../../infra/read-version';

/** The old closed list of roles: still valid, and offered as suggestions (role is free text now). */
export const ROLES = [
  'interviewer',
  'interviewee',
  'mock-interview',
  'practice',
  'Backend Developer',
  'Frontend Developer',
  'Full Stack Developer',
  'DevOps Engineer',
  'Data Scientist',
] as const;
export const EXPERIENCE = ['entry-level', 'junior', 'mid-level', 'senior', 'lead', 'expert'] as const;
export const SESSION_STATUS = ['pending', 'in-progress', 'completed', 'cancelled'] as const;

/**
 * An interview session. `questions` holds the ids of the session's questions and doubles as the slot
 * list for the per-session cap: ids are pushed *before* their questions are inserted, with a guard on
 * the array length, so the cap holds atomically even with concurrent jobs (see questions/slots.ts).
 * `questionCount` is derived from it.
 */
const sessionSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: [true, 'User is required'], index: true },
    // Free text ("Data Engineer", "SRE"): people prepare for roles no list foresees.
    role: { type: String, required: true, trim: true, minlength: 2, maxlength: 100 },
    experience: { type: String, required: true, enum: EXPERIENCE, trim: true },
    topicsToFocus: {
      type: [{ type: String, trim: true, maxlength: 100 }],
      validate: {
        validator: (v: string[]) => Array.isArray(v) && v.length > 0,
        message: 'At least one topic is required',
      },
    },
    description: { type: String, trim: true, maxlength: 1000, default: '' },
    questions: [{ type: Schema.Types.ObjectId, ref: 'Question' }],
    status: { type: String, enum: SESSION_STATUS, default: 'pending' },
    duration: { type: Number, min: 1, max: 300, default: 60 },
  },
  { timestamps: true, versionKey: false },
);

sessionSchema.index({ user: 1, createdAt: -1 });
sessionSchema.index({ user: 1, status: 1 });

// Writes bump the owner's read version, so cached reads (http/read-cache.ts) never outlive them.
sessionSchema.plugin(readVersionPlugin);

export const Session = model('Session', sessionSchema);
