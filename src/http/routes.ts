import type { Router } from 'express';
import { userRouter } from '../modules/auth/auth.routes';

/**
 * The API's feature routers and where they are mounted. A feature adds one line here; everything
 * under /api passes the general rate limit (see app.ts).
 */
export const apiRoutes: Array<[path: string, router: Router]> = [
  ['/api/v1/user', userRouter],
];
