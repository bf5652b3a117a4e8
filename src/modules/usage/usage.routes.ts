import { Router } from 'express';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './usage.controller';

/** Mounted at /api/v1/user next to the account routes. */
export const usageRouter = Router();
usageRouter.get('/usage', requireAuth, c.usage);
