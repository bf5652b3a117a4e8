import { Router } from 'express';
import { authIpLimiter, authLimiter, otpLimiter, registerLimiter } from '../../http/rate-limit';
import { validate } from '../../http/route-spec';
import { requireAuth } from './auth.middleware';
import * as c from './auth.controller';
import * as spec from './auth.schemas';

/** /api/v1/user — accounts, tokens, sessions, passwords, verification, profile, audit history. */
export const userRouter = Router();

userRouter.post('/register', registerLimiter, validate(spec.registerRoute), c.register);
userRouter.post('/login', authLimiter, validate(spec.loginRoute), c.login);
userRouter.post('/logout', requireAuth, validate(spec.logoutRoute), c.logout);
userRouter.post('/refresh-token', requireAuth, validate(spec.refreshTokenRoute), c.refreshToken);

userRouter.post('/forgot-password', otpLimiter, validate(spec.forgotPasswordRoute), c.forgotPassword);
userRouter.post('/verify-otp', otpLimiter, validate(spec.verifyOtpRoute), c.verifyOtp);
userRouter.post('/reset-password', otpLimiter, validate(spec.resetPasswordRoute), c.resetPassword);
userRouter.post('/verify-email', otpLimiter, validate(spec.verifyEmailRoute), c.verifyEmail);
userRouter.post(
  '/resend-verification',
  otpLimiter,
  validate(spec.resendVerificationRoute),
  c.resendVerification,
);

userRouter.post(
  '/change-password',
  requireAuth,
  authIpLimiter,
  validate(spec.changePasswordRoute),
  c.changePassword,
);

userRouter.get('/profile', requireAuth, validate(spec.getProfileRoute), c.getProfile);
userRouter.put('/profile', requireAuth, validate(spec.updateProfileRoute), c.updateProfile);
userRouter.delete('/profile', requireAuth, authIpLimiter, validate(spec.deleteAccountRoute), c.deleteAccount);

userRouter.get('/sessions', requireAuth, validate(spec.listLoginSessionsRoute), c.listSessions);
userRouter.delete('/sessions', requireAuth, validate(spec.revokeOtherSessionsRoute), c.revokeOtherSessions);
userRouter.delete(
  '/sessions/:sessionId',
  requireAuth,
  validate(spec.revokeLoginSessionRoute),
  c.revokeSession,
);

userRouter.get('/history', requireAuth, validate(spec.historyRoute), c.history);
