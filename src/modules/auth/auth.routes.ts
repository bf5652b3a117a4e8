import { Router } from 'express';
import { authIpLimiter, authLimiter, otpLimiter, registerLimiter } from '../../http/rate-limit';
import { requireAuth } from './auth.middleware';
import * as c from './auth.controller';

/** /api/v1/user — accounts, tokens, sessions, passwords, verification, profile, audit history. */
export const userRouter = Router();

userRouter.post('/register', registerLimiter, c.register);
userRouter.post('/login', authLimiter, c.login);
userRouter.post('/logout', requireAuth, c.logout);
userRouter.post('/refresh-token', requireAuth, c.refreshToken);

userRouter.post('/forgot-password', otpLimiter, c.forgotPassword);
userRouter.post('/verify-otp', otpLimiter, c.verifyOtp);
userRouter.post('/reset-password', otpLimiter, c.resetPassword);
userRouter.post('/verify-email', otpLimiter, c.verifyEmail);
userRouter.post('/resend-verification', otpLimiter, c.resendVerification);

userRouter.post('/change-password', requireAuth, authIpLimiter, c.changePassword);

userRouter.get('/profile', requireAuth, c.getProfile);
userRouter.put('/profile', requireAuth, c.updateProfile);
userRouter.delete('/profile', requireAuth, authIpLimiter, c.deleteAccount);

userRouter.get('/sessions', requireAuth, c.listSessions);
userRouter.delete('/sessions', requireAuth, c.revokeOtherSessions);
userRouter.delete('/sessions/:sessionId', requireAuth, c.revokeSession);

userRouter.get('/history', requireAuth, c.history);
