import { Router } from 'express';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './queue.controller';
import { status as exportStatus } from '../exports/exports.controller';

/** /api/v1/queue */
export const queueRouter = Router();
queueRouter.use(requireAuth);
queueRouter.get('/question/:jobId', c.questionStatus);
queueRouter.get('/job/:jobId', c.jobStatus);
queueRouter.get('/export/:jobId', exportStatus);
