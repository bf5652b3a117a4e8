import { Router } from 'express';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './practice.controller';

/**
 * /api/v1/question/:id/attempts and /:id/explain. Mounted before the questions router; auth is per
 * route so requests for the other question routes pass through untouched.
 */
export const practiceRouter = Router();
practiceRouter.post('/:id/attempts', requireAuth, c.submitAttempt);
practiceRouter.get('/:id/attempts', requireAuth, c.listAttempts);
practiceRouter.post('/:id/explain', requireAuth, c.explain);

/** /api/v1/queue/evaluation/:jobId and /explanation/:jobId (before the queue router, same reason). */
export const practiceQueueRouter = Router();
practiceQueueRouter.get('/evaluation/:jobId', requireAuth, c.evaluationStatus);
practiceQueueRouter.get('/explanation/:jobId', requireAuth, c.explanationStatus);
