import { Router } from 'express';
import { requireAuth } from '../auth/auth.middleware';
import { onQuestionsDeleted } from '../questions/question-hooks';
import { registerJobStatusSource } from '../queue/queue.service';
import { onSessionDeleted } from '../sessions/sessions.service';
import { onUserDeleted } from '../users/user-cleanup';
import * as c from './practice.controller';
import {
  deleteAttemptsOfQuestions,
  deleteAttemptsOfSession,
  deleteAttemptsOfUser,
  getEvaluationStatus,
  getExplanationStatus,
} from './practice.service';

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

onQuestionsDeleted('practice-attempts', deleteAttemptsOfQuestions);
onSessionDeleted('practice-attempts', deleteAttemptsOfSession);
onUserDeleted('practice-attempts', deleteAttemptsOfUser);

// GET /api/v1/queue/job/:jobId finds practice jobs too.
registerJobStatusSource('answer-evaluation', async (userId, jobId) => {
  const v = await getEvaluationStatus(userId, jobId);
  if (!v) return null;
  return {
    jobId: v.jobId,
    type: v.type,
    status: v.status,
    progress: v.progress,
    error: v.error,
    result: { attempt: v.attempt },
  };
});
registerJobStatusSource('concept-explanation', async (userId, jobId) => {
  const v = await getExplanationStatus(userId, jobId);
  if (!v) return null;
  return {
    jobId: v.jobId,
    type: v.type,
    status: v.status,
    progress: v.progress,
    error: v.error,
    result: v.explanation ? { explanation: v.explanation } : undefined,
  };
});
