import { Router } from 'express';
import { sessionCreateLimiter } from '../../http/rate-limit';
import { validate } from '../../http/route-spec';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './sessions.controller';
import * as spec from './sessions.schemas';

/** /api/v1/session */
export const sessionsRouter = Router();
sessionsRouter.use(requireAuth);
sessionsRouter.post('/create', sessionCreateLimiter, validate(spec.createSessionRoute), c.create);
sessionsRouter.get('/', validate(spec.listSessionsRoute), c.list);
sessionsRouter.get('/:id', validate(spec.getSessionRoute), c.get);
sessionsRouter.put('/:id', validate(spec.updateSessionRoute), c.update);
sessionsRouter.delete('/:id', validate(spec.deleteSessionRoute), c.remove);
