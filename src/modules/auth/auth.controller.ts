import type { CookieOptions, Request, Response } from 'express';
import { config } from '../../config';
import { created, ok, pagination } from '../../http/respond';
import { inputOf } from '../../http/route-spec';
import type { ClientInfo } from '../users/audit.service';
import { authOf, TOKEN_COOKIE } from './auth.middleware';
import * as auth from './auth.service';
import {
  changePasswordRoute,
  deleteAccountRoute,
  forgotPasswordRoute,
  historyRoute,
  loginRoute,
  registerRoute,
  resendVerificationRoute,
  resetPasswordRoute,
  revokeLoginSessionRoute,
  updateProfileRoute,
  verifyEmailRoute,
  verifyOtpRoute,
} from './auth.schemas';
import { TOKEN_TTL_SECONDS, type IssuedToken } from './token.service';

/** HTTP in/out for /api/v1/user: parse, call the service, shape the envelope, set/clear the cookie. */

const client = (req: Request): ClientInfo => ({ ip: req.ip, userAgent: req.get('user-agent') });

// Secure + SameSite=None only in production behind HTTPS; Lax otherwise so plain-http local runs work.
function cookieOptions(req: Request): CookieOptions {
  const secure = config.isProduction && req.secure;
  return { httpOnly: true, secure, sameSite: secure ? 'none' : 'lax', path: '/' };
}

function setTokenCookie(req: Request, res: Response, issued: IssuedToken): void {
  res.cookie(TOKEN_COOKIE, issued.token, { ...cookieOptions(req), maxAge: TOKEN_TTL_SECONDS * 1000 });
}

const clearTokenCookie = (req: Request, res: Response) => res.clearCookie(TOKEN_COOKIE, cookieOptions(req));

const tokenData = (issued: IssuedToken) => ({
  token: issued.token,
  expiresIn: issued.expiresIn,
  expiresAt: issued.expiresAt.toISOString(),
});

export async function register(req: Request, res: Response) {
  const { body } = inputOf(req, registerRoute);
  const user = await auth.register(body, client(req));
  created(res, 'User registered successfully', { user });
}

export async function login(req: Request, res: Response) {
  const { body } = inputOf(req, loginRoute);
  const { user, issued } = await auth.login(body, client(req));
  setTokenCookie(req, res, issued);
  ok(res, `Welcome back, ${user.fullname}`, { user, ...tokenData(issued) });
}

export async function logout(req: Request, res: Response) {
  await auth.logout(authOf(req), client(req));
  clearTokenCookie(req, res);
  ok(res, 'Logged out successfully');
}

export async function refreshToken(req: Request, res: Response) {
  const issued = await auth.refreshToken(authOf(req), client(req));
  setTokenCookie(req, res, issued);
  ok(res, 'Token refreshed successfully', tokenData(issued));
}

export async function listSessions(req: Request, res: Response) {
  const sessions = await auth.listSessions(authOf(req));
  ok(res, 'Sessions retrieved successfully', { sessions }, { count: sessions.length });
}

export async function revokeSession(req: Request, res: Response) {
  const { sessionId } = inputOf(req, revokeLoginSessionRoute).params;
  const { current } = await auth.revokeSession(authOf(req), sessionId, client(req));
  if (current) clearTokenCookie(req, res);
  ok(res, 'Session revoked successfully', { sessionId, current });
}

export async function revokeOtherSessions(req: Request, res: Response) {
  const revokedCount = await auth.revokeOtherSessions(authOf(req), client(req));
  ok(res, 'Other sessions revoked successfully', { revokedCount });
}

export async function changePassword(req: Request, res: Response) {
  const { body } = inputOf(req, changePasswordRoute);
  const issued = await auth.changePassword(authOf(req), body, client(req));
  setTokenCookie(req, res, issued);
  ok(res, 'Password changed successfully. Other sessions have been signed out', tokenData(issued));
}

export async function forgotPassword(req: Request, res: Response) {
  const { email } = inputOf(req, forgotPasswordRoute).body;
  const data = await auth.forgotPassword(email, client(req));
  ok(res, 'If the email exists, an OTP has been sent', data);
}

export async function verifyOtp(req: Request, res: Response) {
  const { email, otp } = inputOf(req, verifyOtpRoute).body;
  const data = await auth.verifyResetOtp(email, otp, client(req));
  ok(res, 'OTP verified successfully', data);
}

export async function resetPassword(req: Request, res: Response) {
  const { body } = inputOf(req, resetPasswordRoute);
  await auth.resetPassword(body, client(req));
  clearTokenCookie(req, res);
  ok(res, 'Password reset successfully. You can now login with your new password');
}

export async function verifyEmail(req: Request, res: Response) {
  const { email, otp } = inputOf(req, verifyEmailRoute).body;
  const user = await auth.verifyEmail(email, otp, client(req));
  ok(res, 'Email verified successfully', { user });
}

export async function resendVerification(req: Request, res: Response) {
  const { email } = inputOf(req, resendVerificationRoute).body;
  const data = await auth.resendVerification(email, client(req));
  ok(res, 'If the account exists and is not verified, a verification code has been sent', data);
}

export async function getProfile(req: Request, res: Response) {
  const user = await auth.getProfile(authOf(req).id);
  ok(res, 'User retrieved successfully', { user });
}

export async function updateProfile(req: Request, res: Response) {
  const { body } = inputOf(req, updateProfileRoute);
  const user = await auth.updateProfile(authOf(req).id, body, client(req));
  ok(res, 'Profile updated successfully', { user });
}

export async function deleteAccount(req: Request, res: Response) {
  const { password } = inputOf(req, deleteAccountRoute).body;
  const report = await auth.deleteAccount(authOf(req), password);
  clearTokenCookie(req, res);
  const complete = report.failed.length === 0;
  ok(res, complete ? 'Account deleted successfully' : 'Account deleted; some data could not be removed yet', {
    deleted: report.deleted,
    cleanup: { succeeded: report.succeeded, failed: report.failed.map((f) => f.name) },
  });
}

export async function history(req: Request, res: Response) {
  const { page, limit } = inputOf(req, historyRoute).query;
  const { items, total } = await auth.history(authOf(req).id, page, limit);
  ok(
    res,
    'History retrieved successfully',
    { events: items },
    { count: items.length, pagination: pagination(page, limit, total) },
  );
}
