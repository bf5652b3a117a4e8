import type { Router } from 'express';
import { userRouter } from '../modules/auth/auth.routes';
import { sessionsRouter } from '../modules/sessions/sessions.routes';
import { questionsRouter } from '../modules/questions/questions.routes';
import { queueRouter } from '../modules/queue/queue.routes';
import { notificationsRouter } from '../modules/notifications/notifications.routes';
import { metaRouter } from '../modules/meta/meta.routes';

/**
 * The API's feature routers and where they are mounted. A feature adds one line here; everything
 * under /api passes the general rate limit (see app.ts).
 */
export const apiRoutes: Array<[path: string, router: Router]> = [
  ['/api/v1/user', userRouter],
  ['/api/v1/session', sessionsRouter],
  ['/api/v1/question', questionsRouter],
  ['/api/v1/queue', queueRouter],
  ['/api/v1/notifications', notificationsRouter],
  ['/api/v1/meta', metaRouter],
];
