import type { Router } from 'express';

/**
 * The API's feature routers and where they are mounted. A feature adds one line here; everything
 * under /api passes the general rate limit (see app.ts).
 */
export const apiRoutes: Array<[path: string, router: Router]> = [];
