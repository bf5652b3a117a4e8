import { Router } from 'express';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './analytics.controller';

/** /api/v1/analytics */
export const analyticsRouter = Router();
analyticsRouter.get('/trending', c.trending);
analyticsRouter.get('/user', requireAuth, c.user);
analyticsRouter.get('/session/:sessionId', requireAuth, c.session);
