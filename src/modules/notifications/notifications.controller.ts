import type { Request, Response } from 'express';
import { ok } from '../../http/respond';
import { inputOf } from '../../http/route-spec';
import { listNotificationsRoute, markReadRoute } from './notifications.schemas';
import * as service from './notifications.service';

export async function list(req: Request, res: Response) {
  const { limit } = inputOf(req, listNotificationsRoute).query;
  const { notifications, unreadCount } = await service.listNotifications(req.user!.id, limit);
  ok(
    res,
    'Notifications retrieved successfully',
    { notifications, unreadCount },
    { count: notifications.length },
  );
}

export async function markRead(req: Request, res: Response) {
  const { body } = inputOf(req, markReadRoute);
  const marked = await service.markRead(req.user!.id, { ids: body.notificationIds, all: body.all });
  ok(res, 'Notifications marked as read', { marked });
}

export async function clear(req: Request, res: Response) {
  await service.clearNotifications(req.user!.id);
  ok(res, 'All notifications cleared');
}
