import type { Request, Response } from 'express';
import { ok } from '../../http/respond';
import { metaOptions } from './meta.service';

/** GET /api/v1/meta/options (public; the same for everyone, so browsers and proxies may cache it). */
export function options(_req: Request, res: Response) {
  res.set('Cache-Control', 'public, max-age=300');
  ok(res, 'Options retrieved successfully', metaOptions());
}
