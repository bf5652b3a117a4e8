import { Router } from 'express';
import { validate } from '../../http/route-spec';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './practice.controller';
import * as spec from './practice.schemas';

/**
 * /api/v1/question/:id/attempts and /:id/explain. Mounted before the questions router; auth is per
 * route so requests for the other question routes pass through untouched.
 */
export const practiceRouter = Router();
practiceRouter.post('/:id/attempts', requireAuth, validate(spec.submitAttemptRoute), c.submitAttempt);
practiceRouter.get('/:id/attempts', requireAuth, validate(spec.listAttemptsRoute), c.listAttempts);
practiceRouter.post('/:id/explain', requireAuth, validate(spec.explainRoute), c.explain);

/** /api/v1/queue/evaluation/:jobId and /explanation/:jobId (before the queue router, same reason). */
export const practiceQueueRouter = Router();
practiceQueueRouter.get(
  '/evaluation/:jobId',
  requireAuth,
  validate(spec.evaluationStatusRoute),
  c.evaluationStatus,
);
practiceQueueRouter.get(
  '/explanation/:jobId',
  requireAuth,
  validate(spec.explanationStatusRoute),
  c.explanationStatus,
);
