import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const NOTIFICATION_CATEGORIES = ['generation', 'export', 'practice', 'security'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/** Lower-cased, trimmed email: the one form stored, looked up and used in Redis keys. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const emailNotificationsSchema = new Schema(
  {
    generation: { type: Boolean, default: true },
    export: { type: Boolean, default: true },
    practice: { type: Boolean, default: true },
    security: { type: Boolean, default: true },
  },
  { _id: false },
);

const userSchema = new Schema(
  {
    fullname: {
      type: String,
      required: [true, 'Full name is required'],
      trim: true,
      minlength: 2,
      maxlength: 100,
    },
    email: {
      type: String,
      required: true,
      unique: true,
      lowercase: true,
      trim: true,
      maxlength: 254,
      match: [/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Please enter a valid email address'],
    },
    // bcrypt hash; never selected unless asked for explicitly.
    password: { type: String, required: true, select: false },
    role: { type: String, enum: USER_ROLES, default: 'user' },
    // Bumped on password change/reset and on revocation of all sessions: every older token dies.
    tokenVersion: { type: Number, default: 0 },
    emailVerified: { type: Boolean, default: false },
    disabled: { type: Boolean, default: false },
    preferences: {
      type: new Schema(
        { emailNotifications: { type: emailNotificationsSchema, default: () => ({}) } },
        { _id: false },
      ),
      default: () => ({}),
    },
  },
  { timestamps: true, versionKey: false },
);

export type UserDoc = InferSchemaType<typeof userSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

export const User = mongoose.model('User', userSchema);

/** The public shape of a user (never the password or the token version). */
export interface PublicUser {
  _id: string;
  fullname: string;
  email: string;
  role: UserRole;
  emailVerified: boolean;
  preferences: { emailNotifications: Record<NotificationCategory, boolean> };
  createdAt: Date;
  updatedAt: Date;
}

export function toPublicUser(doc: UserDoc): PublicUser {
  const prefs = (doc.preferences?.emailNotifications ?? {}) as Partial<Record<NotificationCategory, boolean>>;
  return {
    _id: String(doc._id),
    fullname: doc.fullname,
    email: doc.email,
    role: (doc.role ?? 'user') as UserRole,
    emailVerified: Boolean(doc.emailVerified),
    preferences: {
      emailNotifications: Object.fromEntries(
        NOTIFICATION_CATEGORIES.map((c) => [c, prefs[c] !== false]),
      ) as Record<NotificationCategory, boolean>,
    },
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
