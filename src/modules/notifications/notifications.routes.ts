import { Router } from 'express';
import { requireAuth } from '../auth/auth.middleware';
import { onUserDeleted } from '../users/user-cleanup';
import * as c from './notifications.controller';
import { clearNotifications } from './notifications.service';

/** /api/v1/notifications */
export const notificationsRouter = Router();
notificationsRouter.use(requireAuth);
notificationsRouter.get('/', c.list);
notificationsRouter.post('/read', c.markRead);
notificationsRouter.delete('/clear', c.clear);

onUserDeleted('notifications-history', clearNotifications);
