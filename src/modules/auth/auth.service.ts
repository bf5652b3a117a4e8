import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import { config } from '../../config';
import {
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../lib/errors';
import { closeUserSockets } from '../../infra/events';
import { getRedis } from '../../infra/redis';
import { logger } from '../../infra/logger';
import { enqueueEmail } from '../email/email.queue';
import { recordAudit, listAudit, type ClientInfo } from '../users/audit.service';
import { runUserCleanup, type CleanupReport } from '../users/user-cleanup';
import { toPublicUser, type PublicUser } from '../users/user.model';
import {
  createUser,
  deleteUserDocument,
  findUserByEmail,
  findUserByEmailWithPassword,
  findUserById,
  findUserByIdWithPassword,
  markEmailVerified,
  setPasswordHash,
  updateProfile as updateUserProfile,
  type ProfileUpdate,
} from '../users/user.service';
import { describeSeconds } from './duration';
import { comparePassword, hashPassword } from './password-hashing';
import {
  checkOtp,
  consumeOtp,
  countOtpRequest,
  otpTtlSeconds,
  purgeOtps,
  type OtpPurpose,
} from './otp.service';
import {
  endSession,
  listSessions as listUserSessions,
  purgeUserAuth,
  refreshAuthState,
  revokeAllSessions,
  revokeSession as revokeUserSession,
  rotateToken,
  startSession,
  type AuthenticatedUser,
  type IssuedToken,
  type SessionInfo,
} from './token.service';
import { dropUserReadCache } from '../../infra/read-version';

/** Account rules: registration, login, sessions, passwords, OTPs, verification, profile, deletion. */

// Unknown emails are compared against this hash, so a wrong email costs the same bcrypt work as a wrong password.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () =>
  (dummyHash ??= bcrypt.hash(randomBytes(18).toString('base64'), config.auth.bcryptRounds));

const otpExpiryText = () => describeSeconds(otpTtlSeconds());

export interface LoginResult {
  user: PublicUser;
  issued: IssuedToken;
}

export async function register(
  input: { fullname: string; email: string; password: string },
  client: ClientInfo,
): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  const user = await createUser({ fullname: input.fullname, email: input.email, passwordHash });
  const userId = String(user._id);
  // This mail counts towards the address's hourly verification-mail quota, like a resend does.
  const quota = await countOtpRequest('verify-email', user.email);
  await Promise.all([
    recordAudit('register', { userId, ...client }),
    // The account exists either way; a lost verification mail can be asked for again (resend-verification).
    quota.allowed
      ? enqueueEmail({ userId, to: user.email, template: 'email-verification' }).catch((err: Error) =>
          logger.warn('could not enqueue the verification mail', { userId, error: err.message }),
        )
      : undefined,
  ]);
  return toPublicUser(user);
}

export async function login(
  input: { email: string; password: string },
  client: ClientInfo,
): Promise<LoginResult> {
  const user = await findUserByEmailWithPassword(input.email);
  const matches = await comparePassword(input.password, user?.password ?? (await getDummyHash()));
  if (!user || !matches) {
    await recordAudit('login_failure', {
      userId: user ? String(user._id) : null,
      ...client,
      details: { reason: 'invalid_credentials' },
    });
    throw new UnauthorizedError('Invalid credentials', 'invalid_credentials');
  }
  const userId = String(user._id);
  if (user.disabled) {
    await recordAudit('login_failure', { userId, ...client, details: { reason: 'account_disabled' } });
    throw new ForbiddenError('This account has been disabled', 'account_disabled');
  }
  if (config.auth.requireEmailVerification && !user.emailVerified) {
    await recordAudit('login_failure', { userId, ...client, details: { reason: 'email_not_verified' } });
    throw new ForbiddenError('Please verify your email before logging in', 'email_not_verified');
  }
  const issued = await startSession(userId, user.tokenVersion ?? 0, client);
  await recordAudit('login_success', { userId, ...client, details: { sessionId: issued.sid } });
  return { user: toPublicUser(user), issued };
}

export async function logout(auth: AuthenticatedUser, client: ClientInfo): Promise<void> {
  await endSession({ sub: auth.id, sid: auth.sid, jti: auth.jti, exp: auth.exp });
  await recordAudit('logout', { userId: auth.id, ...client, details: { sessionId: auth.sid } });
}

export async function refreshToken(auth: AuthenticatedUser, client: ClientInfo): Promise<IssuedToken> {
  const issued = await rotateToken(
    { sub: auth.id, sid: auth.sid, jti: auth.jti, tv: auth.tokenVersion, exp: auth.exp, iat: 0 },
    client,
  );
  await recordAudit('token_refresh', { userId: auth.id, ...client, details: { sessionId: auth.sid } });
  return issued;
}

export function listSessions(auth: AuthenticatedUser): Promise<SessionInfo[]> {
  return listUserSessions(auth.id, auth.sid);
}

export async function revokeSession(
  auth: AuthenticatedUser,
  sessionId: string,
  client: ClientInfo,
): Promise<{ current: boolean }> {
  await revokeUserSession(auth.id, sessionId);
  await recordAudit('session_revoked', { userId: auth.id, ...client, details: { sessionId } });
  return { current: sessionId === auth.sid };
}

export async function revokeOtherSessions(auth: AuthenticatedUser, client: ClientInfo): Promise<number> {
  const revoked = await revokeAllSessions(auth.id, auth.sid);
  await recordAudit('sessions_revoked', { userId: auth.id, ...client, details: { revoked } });
  return revoked;
}

/** New password for a user: bumps tokenVersion, ends every session, refreshes the auth cache, mails a notice. */
async function replacePassword(
  userId: string,
  newPassword: string,
  how: 'reset' | 'change',
): Promise<number> {
  const tokenVersion = await setPasswordHash(userId, await hashPassword(newPassword));
  await refreshAuthState(userId);
  await revokeAllSessions(userId);
  // Sockets of every older token close too, whatever session bookkeeping they were missed by.
  await closeUserSockets(userId, { tokenVersionBelow: tokenVersion });
  const user = await findUserById(userId);
  if (user) {
    // The password is already changed: a notice that cannot be queued is logged, not an error.
    await enqueueEmail({
      userId,
      to: user.email,
      template: 'password-changed',
      category: 'security',
      data: { fullname: user.fullname, email: user.email, when: new Date().toISOString(), how },
    }).catch((err: Error) =>
      logger.warn('could not enqueue the password-changed mail', { userId, error: err.message }),
    );
  }
  return tokenVersion;
}

export async function changePassword(
  auth: AuthenticatedUser,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
): Promise<IssuedToken> {
  const user = await findUserByIdWithPassword(auth.id);
  if (!user) throw new UnauthorizedError('Invalid token', 'invalid_token');
  if (!(await comparePassword(input.currentPassword, user.password))) {
    throw new BadRequestError('Current password is incorrect', 'invalid_password');
  }
  if (await comparePassword(input.newPassword, user.password)) {
    throw new BadRequestError('New password must be different from the current password', 'password_reused');
  }
  const tokenVersion = await replacePassword(auth.id, input.newPassword, 'change');
  // Every session ended; this device continues with a fresh one.
  const issued = await startSession(auth.id, tokenVersion, client);
  await recordAudit('password_change', { userId: auth.id, ...client, details: { sessionId: issued.sid } });
  return issued;
}

// ---------------------------------------------------------------------------------------------
// OTPs

async function requireOtpQuota(purpose: OtpPurpose, email: string): Promise<void> {
  const quota = await countOtpRequest(purpose, email);
  if (!quota.allowed) {
    throw new TooManyRequestsError('Too many OTP requests. Please try again in 1 hour', 'otp_rate_limited', {
      retryAfterSeconds: quota.retryAfterSeconds,
    });
  }
}

/**
 * Same work and same answer whether or not the account exists: count the request, look the email
 * up, write an audit entry and enqueue the mail job (the worker issues a code for every request and
 * only mails existing accounts).
 */
export async function forgotPassword(email: string, client: ClientInfo): Promise<{ expiresIn: string }> {
  await requireOtpQuota('reset', email);
  const user = await findUserByEmail(email);
  await Promise.all([
    recordAudit('password_reset_requested', { userId: user ? String(user._id) : null, ...client }),
    enqueueEmail({ userId: '', to: email, template: 'password-reset-otp' }),
  ]);
  return { expiresIn: otpExpiryText() };
}

/** Checks a code (counting wrong ones); maps the outcome to the contract's errors. */
async function verifyCode(
  purpose: OtpPurpose,
  email: string,
  otp: string,
  client: ClientInfo,
): Promise<number> {
  const result = await checkOtp(purpose, email, otp);
  if (result.status === 'valid') return result.ttlSeconds;
  if (result.status === 'burnt') {
    const user = await findUserByEmail(email);
    await recordAudit('otp_burnt', {
      userId: user ? String(user._id) : null,
      ...client,
      details: { purpose },
    });
    throw new TooManyRequestsError(
      'Too many verification attempts. Please request a new OTP',
      'otp_attempts_exceeded',
    );
  }
  throw new BadRequestError('Invalid or expired OTP', 'invalid_otp', {
    data: { attemptsRemaining: result.attemptsRemaining },
  });
}

const ttlText = (seconds: number) =>
  seconds >= 60
    ? describeSeconds(Math.floor(seconds / 60) * 60)
    : seconds > 0
      ? describeSeconds(seconds)
      : 'soon';

export async function verifyResetOtp(
  email: string,
  otp: string,
  client: ClientInfo,
): Promise<{ expiresIn: string }> {
  const ttl = await verifyCode('reset', email, otp, client);
  return { expiresIn: ttlText(ttl) };
}

export async function resetPassword(
  input: { email: string; otp: string; newPassword: string },
  client: ClientInfo,
): Promise<void> {
  await verifyCode('reset', input.email, input.otp, client);
  const user = await findUserByEmailWithPassword(input.email);
  if (!user)
    throw new BadRequestError('Invalid or expired OTP', 'invalid_otp', { data: { attemptsRemaining: 0 } });
  if (await comparePassword(input.newPassword, user.password)) {
    // The code is kept: the user may try again with another password.
    throw new BadRequestError('New password cannot be the same as old password', 'password_reused');
  }
  if (!(await consumeOtp('reset', input.email, input.otp))) {
    throw new BadRequestError('Invalid or expired OTP', 'invalid_otp', { data: { attemptsRemaining: 0 } });
  }
  const userId = String(user._id);
  await replacePassword(userId, input.newPassword, 'reset');
  await recordAudit('password_reset_completed', { userId, ...client });
}

export async function verifyEmail(email: string, otp: string, client: ClientInfo): Promise<PublicUser> {
  await verifyCode('verify-email', email, otp, client);
  const user = await findUserByEmail(email);
  if (!user || !(await consumeOtp('verify-email', email, otp))) {
    throw new BadRequestError('Invalid or expired OTP', 'invalid_otp', { data: { attemptsRemaining: 0 } });
  }
  const userId = String(user._id);
  await markEmailVerified(userId);
  await recordAudit('email_verified', { userId, ...client });
  return toPublicUser({ ...user, emailVerified: true });
}

/** Same answer whether or not the account exists or is already verified. */
export async function resendVerification(email: string, client: ClientInfo): Promise<{ expiresIn: string }> {
  await requireOtpQuota('verify-email', email);
  const user = await findUserByEmail(email);
  await Promise.all([
    recordAudit('email_verification_requested', { userId: user ? String(user._id) : null, ...client }),
    enqueueEmail({ userId: '', to: email, template: 'email-verification' }),
  ]);
  return { expiresIn: otpExpiryText() };
}

// ---------------------------------------------------------------------------------------------
// Profile, history, deletion

export async function getProfile(userId: string): Promise<PublicUser> {
  const user = await findUserById(userId);
  if (!user) throw new NotFoundError('User not found', 'user_not_found');
  return toPublicUser(user);
}

export async function updateProfile(
  userId: string,
  update: ProfileUpdate,
  client: ClientInfo,
): Promise<PublicUser> {
  const user = await updateUserProfile(userId, update);
  const fields = [update.fullname !== undefined ? 'fullname' : '', update.preferences ? 'preferences' : '']
    .filter(Boolean)
    .join(',');
  await recordAudit('profile_updated', { userId, ...client, details: { fields } });
  return user;
}

export function history(userId: string, page: number, limit: number) {
  return listAudit(userId, page, limit);
}

export interface DeletionReport extends CleanupReport {
  deleted: boolean;
}

/**
 * Deletes the account and all of its data: every registered cleanup hook runs (a failing one is
 * logged and reported, the others still run), then the user document goes. Tokens die first.
 */
export async function deleteAccount(auth: AuthenticatedUser, password: string): Promise<DeletionReport> {
  const user = await findUserByIdWithPassword(auth.id);
  if (!user) throw new UnauthorizedError('Invalid token', 'invalid_token');
  if (!(await comparePassword(password, user.password))) {
    throw new BadRequestError('Password is incorrect', 'invalid_password');
  }
  await purgeUserAuth(auth.id);
  const report = await runUserCleanup(auth.id);
  // After the (concurrent) cleanup hooks, whose deletes bumped the user's read version on their way.
  await dropUserReadCache(auth.id).catch((err: Error) => {
    report.failed.push({ name: 'read-cache', error: err.message });
  });
  await purgeOtps(user.email).catch((err: Error) => {
    report.failed.push({ name: 'otp', error: err.message });
  });
  const deleted = await deleteUserDocument(auth.id);
  await refreshAuthState(auth.id);
  await closeUserSockets(auth.id);
  // The one trace kept: that this user id was deleted, when (no IP, agent or email).
  await recordAudit('account_deleted', {
    userId: auth.id,
    details: { failedCleanups: report.failed.length },
  });
  logger.info('account deleted', { userId: auth.id, failedCleanups: report.failed.map((f) => f.name) });
  return { ...report, deleted };
}

/** Notification keys written under the old API's names (account deletion removes them too). */
export async function clearLegacyNotificationKeys(userId: string): Promise<void> {
  await getRedis().del(
    `notifications:${userId}`,
    `notifications:user:${userId}:list`,
    `notifications:user:${userId}:read`,
  );
}
