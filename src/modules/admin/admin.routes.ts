import { Router, type Express, type RequestHandler } from 'express';
import { requireAuth, requireRole } from '../auth/auth.middleware';
import { validate } from '../../http/route-spec';
import * as c from './admin.controller';
import * as spec from './admin.schemas';
import { queueDashboard } from './queue-dashboard';

/** /api/v1/admin — admins only (401 without a session, 403 for everyone else). */
export const adminRouter = Router();
adminRouter.use(requireAuth, requireRole('admin'));
adminRouter.get('/users', validate(spec.listUsersRoute), c.listUsers);
adminRouter.patch('/users/:id', validate(spec.updateUserRoute), c.updateUser);
adminRouter.get('/stats', validate(spec.statsRoute), c.stats);

export const ADMIN_DASHBOARD_PATH = '/admin/queues';

/** The bull-board dashboard, behind the same admin guard (cookie or bearer session). */
export function mountAdminDashboard(app: Express): void {
  const guard: RequestHandler[] = [requireAuth, requireRole('admin')];
  app.use(ADMIN_DASHBOARD_PATH, ...guard, queueDashboard(ADMIN_DASHBOARD_PATH));
}
