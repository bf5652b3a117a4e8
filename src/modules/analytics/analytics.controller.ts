import type { Request, Response } from 'express';
import { ok } from '../../http/respond';
import { parseQuery, parseWith } from '../../http/validate';
import { sessionParams, trendingQuery, userQuery } from './analytics.schemas';
import * as service from './analytics.service';
import { trendingTopics } from './trending.service';

export async function user(req: Request, res: Response) {
  const { tz } = parseQuery(userQuery, req);
  ok(res, 'User analytics retrieved successfully', await service.userAnalytics(req.user!.id, tz));
}

export async function session(req: Request, res: Response) {
  const { sessionId } = parseWith(sessionParams, req.params, 'Invalid session ID');
  ok(
    res,
    'Session analytics retrieved successfully',
    await service.sessionAnalytics(req.user!.id, sessionId),
  );
}

export async function trending(req: Request, res: Response) {
  const { limit } = parseQuery(trendingQuery, req);
  const topics = await trendingTopics(limit);
  ok(res, 'Trending topics retrieved successfully', { topics }, { count: topics.length });
}
