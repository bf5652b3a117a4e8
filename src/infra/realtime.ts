import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { config } from '../config';
import { USER_EVENTS_CHANNEL, type UserEvent } from './events';
import { channel, createRedisClient } from './redis';
import { logger } from './logger';
import { DEPENDENCY_RETRY_AFTER_SECONDS, dependencyOf, reportDown } from './dependencies';
import { metrics } from './metrics';

export type Authenticate = (token: string) => Promise<{ id: string }>;

function tokenFrom(socket: Socket): string | undefined {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string' && auth.token) return auth.token.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  const cookie = socket.handshake.headers.cookie ?? '';
  const match = /(?:^|;\s*)token=([^;]+)/.exec(cookie);
  return match ? decodeURIComponent(match[1]) : undefined;
}

/**
 * A refused handshake. A dependency outage is not the token's fault: the client gets
 * `dependency_unavailable` (503, retry after a few seconds) in `err.data` and keeps its token.
 */
function handshakeError(err: unknown): Error {
  const dep = dependencyOf(err);
  if (!dep) return new Error('Invalid or expired token');
  reportDown(dep, err);
  return Object.assign(new Error('Service temporarily unavailable'), {
    data: {
      code: 'dependency_unavailable',
      status: 503,
      retryAfterSeconds: DEPENDENCY_RETRY_AFTER_SECONDS,
    },
  });
}

/**
 * socket.io on the api's HTTP server. Sockets must authenticate (cookie `token` or `auth.token`) and
 * join `user:<id>`. Job events arrive on a Redis channel that every api instance receives, so each
 * instance delivers them to its *own* sockets (`io.local`) — no duplicates when several instances run.
 * The Redis adapter carries any other room broadcast across instances.
 */
export function attachRealtime(server: http.Server, authenticate: Authenticate) {
  const pub = createRedisClient({ maxRetriesPerRequest: null });
  const sub = createRedisClient({ maxRetriesPerRequest: null });
  const events = createRedisClient({ maxRetriesPerRequest: null });
  const io = new Server(server, {
    path: '/socket.io',
    cors: { origin: config.cors.origins, credentials: true },
    adapter: createAdapter(pub, sub, { key: `${config.redis.prefix}socket.io` }),
  });

  io.use(async (socket, next) => {
    const token = tokenFrom(socket);
    if (!token) return next(new Error('Authentication required'));
    try {
      const user = await authenticate(token);
      socket.data.userId = user.id;
      next();
    } catch (err) {
      next(handshakeError(err));
    }
  });

  io.on('connection', (socket) => {
    metrics.openSockets.inc();
    void socket.join(`user:${socket.data.userId as string}`);
    socket.on('disconnect', () => metrics.openSockets.dec());
  });

  const eventsChannel = channel(USER_EVENTS_CHANNEL);
  void events.subscribe(eventsChannel);
  events.on('message', (ch, raw) => {
    if (ch !== eventsChannel) return;
    try {
      const { userId, event, payload } = JSON.parse(raw) as UserEvent;
      io.local.to(`user:${userId}`).emit(event, payload);
    } catch (err) {
      logger.warn('bad realtime event', { error: (err as Error).message });
    }
  });

  return {
    io,
    async close(): Promise<void> {
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      }).catch(() => undefined);
      for (const c of [pub, sub, events]) c.disconnect();
    },
  };
}
