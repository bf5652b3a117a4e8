import { Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../../lib/errors';
import {
  normalizeEmail,
  toPublicUser,
  User,
  type NotificationCategory,
  type PublicUser,
  type UserDoc,
  type UserRole,
} from './user.model';

// The enumerations other features' schemas validate and document against.
export { NOTIFICATION_CATEGORIES, USER_ROLES } from './user.model';

/** Data access for users. Everything that reads or writes the `users` collection goes through here. */

export type UserWithPassword = UserDoc & { password: string };

export async function findUserById(userId: string): Promise<UserDoc | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  return User.findById(userId).lean<UserDoc>();
}

export async function findUserByIdWithPassword(userId: string): Promise<UserWithPassword | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  return User.findById(userId).select('+password').lean<UserWithPassword>();
}

export async function findUserByEmail(email: string): Promise<UserDoc | null> {
  return User.findOne({ email: normalizeEmail(email) }).lean<UserDoc>();
}

export async function findUserByEmailWithPassword(email: string): Promise<UserWithPassword | null> {
  return User.findOne({ email: normalizeEmail(email) })
    .select('+password')
    .lean<UserWithPassword>();
}

/** The fields the auth middleware needs on every request (cached in Redis by the token service). */
export interface AuthState {
  tokenVersion: number;
  role: UserRole;
  disabled: boolean;
  email: string;
}

export async function loadAuthState(userId: string): Promise<AuthState | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  const doc = await User.findById(userId).select('tokenVersion role disabled email').lean<UserDoc>();
  if (!doc) return null;
  return {
    tokenVersion: doc.tokenVersion ?? 0,
    role: (doc.role ?? 'user') as UserRole,
    disabled: Boolean(doc.disabled),
    email: doc.email,
  };
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Creates a user; a duplicate email (also under a race, via the unique index) is a 409. */
export async function createUser(input: {
  fullname: string;
  email: string;
  passwordHash: string;
}): Promise<UserDoc> {
  try {
    const doc = await User.create({
      fullname: input.fullname,
      email: normalizeEmail(input.email),
      password: input.passwordHash,
    });
    const { password: _hash, ...rest } = doc.toObject() as UserDoc & { password?: string };
    return rest as UserDoc;
  } catch (err) {
    if (isDuplicateKey(err)) throw new ConflictError('Email already registered', 'email_taken');
    throw err;
  }
}

export interface ProfileUpdate {
  fullname?: string;
  preferences?: { emailNotifications?: Partial<Record<NotificationCategory, boolean>> };
}

/** Partial update: preferences are merged field by field, never replaced wholesale. */
export async function updateProfile(userId: string, update: ProfileUpdate): Promise<PublicUser> {
  const set: Record<string, unknown> = {};
  if (update.fullname !== undefined) set.fullname = update.fullname;
  for (const [key, value] of Object.entries(update.preferences?.emailNotifications ?? {})) {
    if (value !== undefined) set[`preferences.emailNotifications.${key}`] = value;
  }
  const doc = await User.findByIdAndUpdate(
    userId,
    { $set: set },
    { returnDocument: 'after', runValidators: true },
  ).lean<UserDoc>();
  if (!doc) throw new NotFoundError('User not found', 'user_not_found');
  return toPublicUser(doc);
}

/** Stores a new password hash and bumps the token version; returns the new version. */
export async function setPasswordHash(userId: string, passwordHash: string): Promise<number> {
  const doc = await User.findByIdAndUpdate(
    userId,
    { $set: { password: passwordHash }, $inc: { tokenVersion: 1 } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
  if (!doc) throw new NotFoundError('User not found', 'user_not_found');
  return doc.tokenVersion ?? 0;
}

export async function markEmailVerified(userId: string): Promise<void> {
  await User.updateOne({ _id: userId }, { $set: { emailVerified: true } });
}

export async function setUserRole(email: string, role: UserRole): Promise<UserDoc | null> {
  return User.findOneAndUpdate(
    { email: normalizeEmail(email) },
    { $set: { role } },
    { returnDocument: 'after' },
  ).lean<UserDoc>();
}

export async function deleteUserDocument(userId: string): Promise<boolean> {
  const res = await User.deleteOne({ _id: userId });
  return (res.deletedCount ?? 0) > 0;
}

/** Whether the user wants mail of this category (unknown users: no). */
export async function wantsEmail(userId: string, category: NotificationCategory): Promise<boolean> {
  const doc = await findUserById(userId);
  if (!doc) return false;
  return toPublicUser(doc).preferences.emailNotifications[category];
}
