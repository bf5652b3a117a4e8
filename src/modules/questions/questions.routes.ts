import { Router } from 'express';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './questions.controller';

/** /api/v1/question — fixed paths before `/:id`. */
export const questionsRouter = Router();
questionsRouter.use(requireAuth);
questionsRouter.post('/generate', c.generate); // AI limits: consumeAiQuota after the cache check
questionsRouter.get('/search', c.search);
questionsRouter.post('/custom', c.custom);
questionsRouter.get('/session/:sessionId', c.listBySession);
questionsRouter.get('/session/:sessionId/pinned', c.pinned);
questionsRouter.get('/session/:sessionId/stats', c.stats);
questionsRouter.post('/:id/regenerate', c.regenerate);
questionsRouter.patch('/:id/toggle-pin', c.togglePin);
questionsRouter.get('/:id', c.get);
questionsRouter.put('/:id', c.update);
questionsRouter.delete('/:id', c.remove);
