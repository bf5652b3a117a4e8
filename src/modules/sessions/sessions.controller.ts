import type { Request, Response } from 'express';
import { created, ok, pagination } from '../../http/respond';
import { idParams } from '../../http/schemas';
import { parseBody, parseParams, parseQuery } from '../../http/validate';
import * as service from './sessions.service';
import { createSessionBody, listSessionsQuery, updateSessionBody } from './sessions.schemas';

const userId = (req: Request) => req.user!.id;

export async function create(req: Request, res: Response) {
  const input = parseBody(createSessionBody, req);
  const session = await service.createSession(userId(req), input);
  created(res, 'Session created successfully', { session });
}

export async function list(req: Request, res: Response) {
  const q = parseQuery(listSessionsQuery, req);
  const { sessions, total } = await service.listSessions(userId(req), q);
  ok(
    res,
    'Sessions retrieved successfully',
    { sessions },
    { count: sessions.length, pagination: pagination(q.page, q.limit, total) },
  );
}

export async function get(req: Request, res: Response) {
  const { id } = parseParams(idParams, req);
  const session = await service.getSession(userId(req), id);
  ok(res, 'Session retrieved successfully', { session });
}

export async function update(req: Request, res: Response) {
  const { id } = parseParams(idParams, req);
  const input = parseBody(updateSessionBody, req);
  const session = await service.updateSession(userId(req), id, input);
  ok(res, 'Session updated successfully', { session });
}

export async function remove(req: Request, res: Response) {
  const { id } = parseParams(idParams, req);
  await service.deleteSession(userId(req), id);
  ok(res, 'Session deleted successfully', { deletedId: id });
}
