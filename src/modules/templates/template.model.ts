import { Schema, model, type Types } from 'mongoose';
import { EXPERIENCE } from '../sessions/session.model';

/**
 * A reusable session recipe. `nameKey` (trimmed, case-folded name) is unique per owner. Visibility is
 * derived, so it can never disagree with the data: public when `isPublic`, shared when `sharedWith`
 * lists someone (normalised emails: a template can be shared with an address before its owner signs
 * up, and sharing says nothing about whether an account exists), private otherwise.
 */
const templateSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    name: { type: String, required: true, trim: true, minlength: 1, maxlength: 100 },
    nameKey: { type: String, required: true, select: false },
    description: { type: String, trim: true, maxlength: 1000, default: '' },
    role: { type: String, required: true, trim: true, minlength: 2, maxlength: 100 },
    experience: { type: String, required: true, enum: EXPERIENCE },
    topicsToFocus: { type: [{ type: String, trim: true, maxlength: 100 }], default: [] },
    questionCount: { type: Number, min: 1, max: 10, default: 5 },
    /** Share of each difficulty in percent (sums to 100). */
    difficultyMix: {
      type: new Schema(
        {
          easy: { type: Number, min: 0, max: 100, default: 0 },
          medium: { type: Number, min: 0, max: 100, default: 100 },
          hard: { type: Number, min: 0, max: 100, default: 0 },
        },
        { _id: false },
      ),
      default: () => ({}),
    },
    isPublic: { type: Boolean, default: false },
    sharedWith: { type: [String], default: [] },
    usageCount: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false },
);

templateSchema.index({ user: 1, nameKey: 1 }, { unique: true });
templateSchema.index({ user: 1, updatedAt: -1 });
templateSchema.index({ sharedWith: 1 });
templateSchema.index({ isPublic: 1, usageCount: -1, createdAt: -1 });

export const nameKeyOf = (name: string) => name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

export interface TemplateDoc {
  _id: Types.ObjectId;
  user: Types.ObjectId;
  name: string;
  description: string;
  role: string;
  experience: (typeof EXPERIENCE)[number];
  topicsToFocus: string[];
  questionCount: number;
  difficultyMix: { easy: number; medium: number; hard: number };
  isPublic: boolean;
  sharedWith: string[];
  usageCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export const Template = model('Template', templateSchema);
