import { Router } from 'express';
import { validate } from '../../http/route-spec';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './usage.controller';
import { usageRoute } from './usage.schemas';

/** Mounted at /api/v1/user next to the account routes. */
export const usageRouter = Router();
usageRouter.get('/usage', requireAuth, validate(usageRoute), c.usage);
