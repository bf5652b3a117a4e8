import { Router } from 'express';
import { sessionCreateLimiter } from '../../http/rate-limit';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './sessions.controller';

/** /api/v1/session */
export const sessionsRouter = Router();
sessionsRouter.use(requireAuth);
sessionsRouter.post('/create', sessionCreateLimiter, c.create);
sessionsRouter.get('/', c.list);
sessionsRouter.get('/:id', c.get);
sessionsRouter.put('/:id', c.update);
sessionsRouter.delete('/:id', c.remove);
