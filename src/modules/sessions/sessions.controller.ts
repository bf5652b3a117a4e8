import type { Request, Response } from 'express';
import { created, ok, pagination } from '../../http/respond';
import { inputOf } from '../../http/route-spec';
import * as service from './sessions.service';
import {
  createSessionRoute,
  deleteSessionRoute,
  getSessionRoute,
  listSessionsRoute,
  updateSessionRoute,
} from './sessions.schemas';

const userId = (req: Request) => req.user!.id;

export async function create(req: Request, res: Response) {
  const { body } = inputOf(req, createSessionRoute);
  const session = await service.createSession(userId(req), body);
  created(res, 'Session created successfully', { session });
}

export async function list(req: Request, res: Response) {
  const { query } = inputOf(req, listSessionsRoute);
  const { sessions, total } = await service.listSessions(userId(req), query);
  ok(
    res,
    'Sessions retrieved successfully',
    { sessions },
    { count: sessions.length, pagination: pagination(query.page, query.limit, total) },
  );
}

export async function get(req: Request, res: Response) {
  const { id } = inputOf(req, getSessionRoute).params;
  const session = await service.getSession(userId(req), id);
  ok(res, 'Session retrieved successfully', { session });
}

export async function update(req: Request, res: Response) {
  const { params, body } = inputOf(req, updateSessionRoute);
  const session = await service.updateSession(userId(req), params.id, body);
  ok(res, 'Session updated successfully', { session });
}

export async function remove(req: Request, res: Response) {
  const { id } = inputOf(req, deleteSessionRoute).params;
  await service.deleteSession(userId(req), id);
  ok(res, 'Session deleted successfully', { deletedId: id });
}
