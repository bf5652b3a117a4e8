import { Router } from 'express';
import { validate } from '../../http/route-spec';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './questions.controller';
import * as spec from './questions.schemas';

/** /api/v1/question — fixed paths before `/:id`. */
export const questionsRouter = Router();
questionsRouter.use(requireAuth);
// AI limits: consumeAiQuota runs after the cache check (cache hits do not count).
questionsRouter.post('/generate', validate(spec.generateRoute), c.generate);
questionsRouter.get('/search', validate(spec.searchRoute), c.search);
questionsRouter.post('/custom', validate(spec.customRoute), c.custom);
questionsRouter.get('/session/:sessionId', validate(spec.listBySessionRoute), c.listBySession);
questionsRouter.get('/session/:sessionId/pinned', validate(spec.pinnedRoute), c.pinned);
questionsRouter.get('/session/:sessionId/stats', validate(spec.statsRoute), c.stats);
questionsRouter.post('/:id/regenerate', validate(spec.regenerateRoute), c.regenerate);
questionsRouter.patch('/:id/toggle-pin', validate(spec.togglePinRoute), c.togglePin);
questionsRouter.get('/:id', validate(spec.getQuestionRoute), c.get);
questionsRouter.put('/:id', validate(spec.updateQuestionRoute), c.update);
questionsRouter.delete('/:id', validate(spec.deleteQuestionRoute), c.remove);
