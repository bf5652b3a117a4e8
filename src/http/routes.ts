import type { Router } from 'express';
import { userRouter } from '../modules/auth/auth.routes';
import { sessionsRouter } from '../modules/sessions/sessions.routes';
import { questionsRouter } from '../modules/questions/questions.routes';
import { queueRouter } from '../modules/queue/queue.routes';
import { notificationsRouter } from '../modules/notifications/notifications.routes';
import { bulkRouter } from '../modules/bulk/bulk.routes';
import { usageRouter } from '../modules/usage/usage.routes';
import { templatesRouter } from '../modules/templates/templates.routes';
import { adminRouter } from '../modules/admin/admin.routes';
import { practiceQueueRouter, practiceRouter } from '../modules/practice/practice.routes';
import { analyticsRouter } from '../modules/analytics/analytics.routes';
import { exportsRouter } from '../modules/exports/exports.routes';
import { metaRouter } from '../modules/meta/meta.routes';

/**
 * The API's feature routers and where they are mounted. A feature adds one line here; everything
 * under /api passes the general rate limit (see app.ts).
 */
export const apiRoutes: Array<[path: string, router: Router]> = [
  ['/api/v1/user', userRouter],
  ['/api/v1/session', sessionsRouter],
  // Practice routes (/:id/attempts, /:id/explain) before the questions router: per-route auth.
  ['/api/v1/question', practiceRouter],
  ['/api/v1/question', questionsRouter],
  ['/api/v1/queue', practiceQueueRouter],
  ['/api/v1/queue', queueRouter],
  ['/api/v1/notifications', notificationsRouter],
  ['/api/v1/bulk', bulkRouter],
  ['/api/v1/user', usageRouter],
  ['/api/v1/templates', templatesRouter],
  ['/api/v1/admin', adminRouter],
  ['/api/v1/analytics', analyticsRouter],
  ['/api/v1/export', exportsRouter],
  ['/api/v1/meta', metaRouter],
];
