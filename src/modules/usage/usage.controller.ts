import type { Request, Response } from 'express';
import { ok } from '../../http/respond';
import { getUsage } from './usage.service';

/** GET /api/v1/user/usage */
export async function usage(req: Request, res: Response) {
  ok(res, 'AI usage retrieved successfully', await getUsage(req.user!));
}
