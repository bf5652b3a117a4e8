import type { Request, Response } from 'express';
import { ok, pagination } from '../../http/respond';
import { inputOf } from '../../http/route-spec';
import { clientIp } from '../../http/rate-limit';
import * as service from './admin.service';
import { listUsersRoute, updateUserRoute } from './admin.schemas';

export async function listUsers(req: Request, res: Response) {
  const q = inputOf(req, listUsersRoute).query;
  const { users, total } = await service.listUsers(q);
  ok(
    res,
    'Users retrieved successfully',
    { users },
    { count: users.length, pagination: pagination(q.page, q.limit, total) },
  );
}

export async function updateUser(req: Request, res: Response) {
  const { params, body: input } = inputOf(req, updateUserRoute);
  const { id } = params;
  const user = await service.updateUser(req.user!.id, id, input, {
    ip: clientIp(req),
    userAgent: req.get('user-agent'),
  });
  ok(res, 'User updated successfully', { user });
}

export async function stats(_req: Request, res: Response) {
  ok(res, 'Statistics retrieved successfully', await service.getStats());
}
