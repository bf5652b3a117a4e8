import type { RequestHandler, Router } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { QUEUE_NAMES, getQueue } from '../../infra/queues';

/**
 * bull-board over every Bull queue. Built at its first (already authorised) request, so the api opens no
 * queue connections for it until an admin looks.
 */
export function queueDashboard(basePath: string): RequestHandler {
  let router: Router | undefined;
  return (req, res, next) => {
    if (!router) {
      const adapter = new ExpressAdapter();
      adapter.setBasePath(basePath);
      createBullBoard({
        queues: QUEUE_NAMES.map((name) => new BullAdapter(getQueue(name))),
        serverAdapter: adapter,
        options: { uiConfig: { boardTitle: 'IntervAI queues' } },
      });
      router = adapter.getRouter() as Router;
    }
    router(req, res, next);
  };
}
