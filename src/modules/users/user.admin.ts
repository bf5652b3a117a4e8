import { trusted, Types } from 'mongoose';
import { toPublicUser, User, type PublicUser, type UserDoc, type UserRole } from './user.model';

/** Administrative reads and writes on the users collection (used by the admin module). */

export interface AdminUserView extends PublicUser {
  disabled: boolean;
}

export const toAdminUser = (doc: UserDoc): AdminUserView => ({
  ...toPublicUser(doc),
  disabled: Boolean(doc.disabled),
});

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface UserSearch {
  /** Plain text matched (case-insensitively, never as a pattern) against email and full name. */
  search?: string;
  role?: UserRole;
  disabled?: boolean;
  page: number;
  limit: number;
}

export async function searchUsers(q: UserSearch): Promise<{ users: AdminUserView[]; total: number }> {
  const filter: Record<string, unknown> = {};
  if (q.search) {
    const pattern = new RegExp(escapeRegex(q.search), 'i');
    filter.$or = [{ email: pattern }, { fullname: pattern }];
  }
  if (q.role) filter.role = q.role;
  if (q.disabled !== undefined) filter.disabled = q.disabled ? true : trusted({ $ne: true });
  const [docs, total] = await Promise.all([
    User.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((q.page - 1) * q.limit)
      .limit(q.limit)
      .lean<UserDoc[]>(),
    User.countDocuments(filter),
  ]);
  return { users: docs.map(toAdminUser), total };
}

/**
 * Sets the disabled flag and/or role. Disabling also bumps `tokenVersion`, so every token the user holds
 * dies even where its login session survives. Returns the user before and after, or null when unknown.
 */
export async function setAccountFlags(
  userId: string,
  changes: { disabled?: boolean; role?: UserRole },
): Promise<{ before: UserDoc; after: UserDoc } | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  const set: Record<string, unknown> = {};
  if (changes.disabled !== undefined) set.disabled = changes.disabled;
  if (changes.role !== undefined) set.role = changes.role;
  const before = await User.findByIdAndUpdate(
    userId,
    { $set: set, ...(changes.disabled ? { $inc: { tokenVersion: 1 } } : {}) },
    { returnDocument: 'before' },
  ).lean<UserDoc>();
  if (!before) return null;
  const after = await User.findById(userId).lean<UserDoc>();
  return after ? { before, after } : null;
}

export async function countUsers(): Promise<{ total: number; admins: number; disabled: number }> {
  const [total, admins, disabled] = await Promise.all([
    User.countDocuments({}),
    User.countDocuments({ role: 'admin' }),
    User.countDocuments({ disabled: true }),
  ]);
  return { total, admins, disabled };
}
