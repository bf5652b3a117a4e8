import type { Request, Response } from 'express';
import { ok } from '../../http/respond';
import { inputOf } from '../../http/route-spec';
import { sessionAnalyticsRoute, trendingRoute, userAnalyticsRoute } from './analytics.schemas';
import * as service from './analytics.service';
import { trendingTopics } from './trending.service';

export async function user(req: Request, res: Response) {
  const { tz } = inputOf(req, userAnalyticsRoute).query;
  ok(res, 'User analytics retrieved successfully', await service.userAnalytics(req.user!.id, tz));
}

export async function session(req: Request, res: Response) {
  const { sessionId } = inputOf(req, sessionAnalyticsRoute).params;
  ok(
    res,
    'Session analytics retrieved successfully',
    await service.sessionAnalytics(req.user!.id, sessionId),
  );
}

export async function trending(req: Request, res: Response) {
  const { limit } = inputOf(req, trendingRoute).query;
  const topics = await trendingTopics(limit);
  ok(res, 'Trending topics retrieved successfully', { topics }, { count: topics.length });
}
