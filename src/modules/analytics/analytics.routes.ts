import { Router } from 'express';
import { validate } from '../../http/route-spec';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './analytics.controller';
import * as spec from './analytics.schemas';

/** /api/v1/analytics — trending is public, the rest needs a login. */
export const analyticsRouter = Router();
analyticsRouter.get('/trending', validate(spec.trendingRoute), c.trending);
analyticsRouter.get('/user', requireAuth, validate(spec.userAnalyticsRoute), c.user);
analyticsRouter.get('/session/:sessionId', requireAuth, validate(spec.sessionAnalyticsRoute), c.session);
