import { Router } from 'express';
import { requireAuth } from '../auth/auth.middleware';
import * as c from './notifications.controller';

/** /api/v1/notifications */
export const notificationsRouter = Router();
notificationsRouter.use(requireAuth);
notificationsRouter.get('/', c.list);
notificationsRouter.post('/read', c.markRead);
notificationsRouter.delete('/clear', c.clear);
