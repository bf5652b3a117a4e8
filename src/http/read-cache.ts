import type { Request, RequestHandler, Response } from 'express';
import { authenticateRequest } from '../modules/auth/auth.middleware';
import { getRedis } from '../infra/redis';
import { mongoStatus } from '../infra/mongo';
import { logger } from '../infra/logger';
import { metrics } from '../infra/metrics';

/**
 * Read cache for the screens a client reloads (issue 15): a session's questions and a session. (The
 * session list is not cached: it answers 503 while MongoDB is down, reliability.outages.test.ts.) A 200 answer is stored in Redis under `rc:<userId>:<readVersion>:<url>` with its ETag; the same
 * request later is answered from there (or `304` to a matching `If-None-Match`) without MongoDB.
 *
 * `readVersion` is read with the authentication (one Redis round trip, before any data is read) and is
 * bumped after every write to the user's sessions, questions and practice attempts (infra/read-version.ts),
 * so an entry is never served after a write that could change it; entries of old versions expire.
 * Only GETs of the routes below are cached; a request that fails authentication here goes on to the
 * router, whose `requireAuth` answers it as usual.
 */
const ENTRY_TTL_SECONDS = 5 * 60;
const CACHED_ROUTES: Array<{ pattern: RegExp; route: string }> = [
  { pattern: /^\/api\/v1\/question\/session\/[^/]+\/?$/, route: '/api/v1/question/session/:sessionId' },
  { pattern: /^\/api\/v1\/session\/[^/]+\/?$/, route: '/api/v1/session/:id' },
];
const JSON_TYPE = 'application/json; charset=utf-8';

const entryKey = (userId: string, version: string, url: string) => `rc:${userId}:${version}:${url}`;

export const readCache: RequestHandler = async (req, res, next) => {
  // While MongoDB is unreachable the routes answer 503 as before (a cached screen is not served).
  if (req.method !== 'GET' || !mongoStatus().connected) return next();
  const cachedRoute = CACHED_ROUTES.find((r) => r.pattern.test(req.path));
  if (!cachedRoute) return next();
  let key: string;
  let hit: Buffer | null;
  try {
    const auth = await authenticateRequest(req);
    key = entryKey(auth.id, auth.readVersion, req.originalUrl);
    // As bytes: the body goes to the socket as it is stored, without a round trip through a string.
    hit = await getRedis().getBuffer(key);
  } catch {
    // 401s and outages are answered by the route's own requireAuth (which tries again).
    return next();
  }
  if (hit !== null) {
    metrics.cacheEvents.inc({ area: 'read', result: 'hit' });
    res.locals.metricsRoute = cachedRoute.route;
    return answerFromCache(req, res, hit);
  }
  metrics.cacheEvents.inc({ area: 'read', result: 'miss' });
  storeOnSend(res, key);
  next();
};

/** Entry format: `<etag>\n<json body>`. */
function answerFromCache(req: Request, res: Response, entry: Buffer): void {
  const newline = entry.indexOf(10); // '\n'
  res.setHeader('ETag', entry.toString('latin1', 0, newline));
  res.setHeader('Content-Type', JSON_TYPE);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const body = entry.subarray(newline + 1);
  res.setHeader('Content-Length', body.length);
  res.status(200).end(body);
}

/** Stores the body of a 200 JSON answer (with the ETag Express computed for it) under `key`. */
function storeOnSend(res: Response, key: string): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    const storable = res.statusCode === 200 && typeof body === 'string';
    const result = send(body);
    const etag = res.getHeader('ETag');
    if (storable && typeof etag === 'string') {
      getRedis()
        .set(key, `${etag}\n${body}`, 'EX', ENTRY_TTL_SECONDS)
        .catch((err: Error) => logger.warn('read cache store failed', { error: err.message }));
    }
    return result;
  };
}
