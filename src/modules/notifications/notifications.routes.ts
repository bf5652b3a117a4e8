import { Router } from 'express';
import { validate } from '../../http/route-spec';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './notifications.controller';
import * as spec from './notifications.schemas';

/** /api/v1/notifications */
export const notificationsRouter = Router();
notificationsRouter.use(requireAuth);
notificationsRouter.get('/', validate(spec.listNotificationsRoute), c.list);
notificationsRouter.post('/read', validate(spec.markReadRoute), c.markRead);
notificationsRouter.delete('/clear', validate(spec.clearNotificationsRoute), c.clear);
