import type { Request, Response } from 'express';
import { z } from 'zod';
import { ok } from '../../http/respond';
import { parseBody, parseQuery } from '../../http/validate';
import * as service from './notifications.service';

const listQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(service.MAX_NOTIFICATIONS).default(20) })
  .strict();
const readBody = z
  .object({
    notificationIds: z
      .array(z.string().min(1).max(100))
      .min(1, 'notificationIds array is required')
      .max(service.MAX_NOTIFICATIONS)
      .optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((v) => v.all || v.notificationIds, {
    message: 'notificationIds array is required (or all: true)',
    path: ['notificationIds'],
  });

export async function list(req: Request, res: Response) {
  const { limit } = parseQuery(listQuery, req);
  const { notifications, unreadCount } = await service.listNotifications(req.user!.id, limit);
  ok(
    res,
    'Notifications retrieved successfully',
    { notifications, unreadCount },
    { count: notifications.length },
  );
}

export async function markRead(req: Request, res: Response) {
  const body = parseBody(readBody, req);
  const marked = await service.markRead(req.user!.id, { ids: body.notificationIds, all: body.all });
  ok(res, 'Notifications marked as read', { marked });
}

export async function clear(req: Request, res: Response) {
  await service.clearNotifications(req.user!.id);
  ok(res, 'All notifications cleared');
}
