import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { config } from '../config';
import { isAllowedOrigin } from '../lib/origins';
import { REVOCATION_CHANNEL, USER_EVENTS_CHANNEL, type SocketRevocation, type UserEvent } from './events';
import { channel, createRedisClient } from './redis';
import { logger } from './logger';
import { DEPENDENCY_RETRY_AFTER_SECONDS, dependencyOf, reportDown } from './dependencies';
import { metrics } from './metrics';
import type { ErrorCode } from '../lib/error-codes';

/** What a socket remembers of its token, so a revocation closes exactly the sockets it concerns. */
export type Authenticate = (
  token: string,
) => Promise<{ id: string; jti?: string; tokenVersion?: number; exp?: number }>;

// setTimeout's longest delay (~24.8 days); a longer-lived token is re-armed when the timer fires.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Browsers always send Origin on a cross-site handshake; non-browser clients may send none. Same rule as REST. */
const originAllowed = (origin: string | undefined, host: string | undefined): boolean =>
  isAllowedOrigin(origin, config.cors, host);

function matches(socket: Socket, r: SocketRevocation): boolean {
  if (!r.jtis && r.tokenVersionBelow === undefined) return true;
  const data = socket.data as { jti?: string; tokenVersion?: number };
  if (r.jtis && data.jti !== undefined && r.jtis.includes(data.jti)) return true;
  return (
    r.tokenVersionBelow !== undefined &&
    data.tokenVersion !== undefined &&
    data.tokenVersion < r.tokenVersionBelow
  );
}

/** Disconnects the socket when its token expires. */
function closeAtExpiry(socket: Socket, exp: number | undefined): void {
  if (exp === undefined) return;
  const arm = () => {
    const left = exp * 1000 - Date.now();
    if (left <= 0) return void socket.disconnect(true);
    const timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
    socket.once('disconnect', () => clearTimeout(timer));
  };
  arm();
}

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
      code: 'dependency_unavailable' satisfies ErrorCode,
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
    // CORS headers for cross-origin pages (a same-origin page needs none); allowRequest decides the handshake.
    cors: {
      origin: (origin, callback) => callback(null, originAllowed(origin, undefined)),
      credentials: true,
    },
    adapter: createAdapter(pub, sub, { key: `${config.redis.prefix}socket.io` }),
    // The cookie is sent cross-site in production (SameSite=None): a page elsewhere must not open a socket.
    allowRequest: (req, callback) => callback(null, originAllowed(req.headers.origin, req.headers.host)),
  });

  io.use(async (socket, next) => {
    const token = tokenFrom(socket);
    if (!token) return next(new Error('Authentication required'));
    try {
      const user = await authenticate(token);
      socket.data.userId = user.id;
      socket.data.jti = user.jti;
      socket.data.tokenVersion = user.tokenVersion;
      socket.data.exp = user.exp;
      next();
    } catch (err) {
      next(handshakeError(err));
    }
  });

  io.on('connection', (socket) => {
    metrics.openSockets.inc();
    void socket.join(`user:${socket.data.userId as string}`);
    closeAtExpiry(socket, socket.data.exp as number | undefined);
    socket.on('disconnect', () => metrics.openSockets.dec());
  });

  const eventsChannel = channel(USER_EVENTS_CHANNEL);
  const revocationChannel = channel(REVOCATION_CHANNEL);
  void events.subscribe(eventsChannel, revocationChannel);
  events.on('message', (ch, raw) => {
    if (ch === revocationChannel) return revoke(raw);
    if (ch !== eventsChannel) return;
    try {
      const { userId, event, payload } = JSON.parse(raw) as UserEvent;
      io.local.to(`user:${userId}`).emit(event, payload);
    } catch (err) {
      logger.warn('bad realtime event', { error: (err as Error).message });
    }
  });

  // Each instance closes its own matching sockets (its local rooms: no cross-instance round trip).
  function revoke(raw: string): void {
    try {
      const r = JSON.parse(raw) as SocketRevocation;
      const ids = [...(io.sockets.adapter.rooms.get(`user:${r.userId}`) ?? [])];
      for (const id of ids) {
        const socket = io.sockets.sockets.get(id);
        if (socket && matches(socket, r)) socket.disconnect(true);
      }
    } catch (err) {
      logger.warn('bad socket revocation', { error: (err as Error).message });
    }
  }

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
