import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { config } from '../config';
import { getRedis } from '../infra/redis';
import { logger } from '../infra/logger';
import { reportDown } from '../infra/dependencies';
import { TooManyRequestsError } from './errors';

/**
 * Rate limits counted in Redis (keys `<REDIS_PREFIX>rl:<limiter>:<key>`), so every api instance shares
 * them. Answers are 429 in the error envelope with draft-7 `RateLimit`/`RateLimit-Policy` headers and
 * `Retry-After`. Limiters are built on first use, so importing this module opens no connection and
 * the limits are read from `config` at that time.
 */

interface LimiterSpec {
  name: string;
  max: number;
  windowMs: number;
  message: string;
  key: (req: Request) => string | undefined;
  /** Count only failed responses (status >= 400), e.g. failed logins. */
  failuresOnly?: boolean;
  /** Let requests through when Redis is unreachable (general limits) instead of failing them. */
  failOpen?: boolean;
}

export const clientIp = (req: Request): string =>
  ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');

function buildLimiter(spec: LimiterSpec): RequestHandler {
  const store = new RedisStore({
    prefix: `rl:${spec.name}:`,
    // The command client carries REDIS_PREFIX; ioredis prefixes the key of EVALSHA for us.
    sendCommand: (command: string, ...args: string[]) =>
      getRedis().call(command, ...args) as Promise<RedisReply>,
  });
  const options: Partial<Options> = {
    windowMs: spec.windowMs,
    limit: spec.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store,
    passOnStoreError: spec.failOpen ?? false,
    skipSuccessfulRequests: spec.failuresOnly ?? false,
    // Requests without a key (e.g. no email in the body) are not counted by this limiter.
    skip: (req) => spec.key(req) === undefined,
    keyGenerator: (req) => spec.key(req) ?? '',
    validate: { creationStack: false, keyGeneratorIpFallback: false },
    // A store error (Redis down) is a dependency state change, logged once as one JSON line; the
    // default logger writes a multi-line stack per request to the console.
    logger: {
      warn: (warning, message) =>
        logger.warn('rate limiter warning', { limiter: spec.name, message, warning: String(warning) }),
      error: (error: unknown) => reportDown('redis', error),
    },
    handler: (req, _res, next, used) => {
      logger.warn('rate limit reached', { limiter: spec.name, path: req.originalUrl.split('?')[0] });
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfterSeconds = reset
        ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000))
        : Math.ceil(used.windowMs / 1000);
      next(new TooManyRequestsError(spec.message, 'rate_limited', { retryAfterSeconds }));
    },
  };
  return rateLimit(options);
}

/** A limiter built at its first request (config and Redis are ready by then). */
function lazy(spec: () => LimiterSpec): RequestHandler {
  let limiter: RequestHandler | undefined;
  return (req, res, next) => {
    limiter ??= buildLimiter(spec());
    return limiter(req, res, next);
  };
}

const emailFromBody = (req: Request): string | undefined => {
  const email = (req.body as Record<string, unknown> | undefined)?.email;
  return typeof email === 'string' && email.length <= 254 ? email.trim().toLowerCase() : undefined;
};

const userOrIp = (req: Request): string => (req.user ? `user:${req.user.id}` : `ip:${clientIp(req)}`);

/** Everything under /api: RATE_LIMIT_GENERAL_MAX per RATE_LIMIT_GENERAL_WINDOW_MS per IP. */
export const generalLimiter = lazy(() => ({
  name: 'general',
  ...config.rateLimits.general,
  message: 'Too many requests. Please try again later',
  key: clientIp,
  failOpen: true,
}));

/** Failed auth attempts (RATE_LIMIT_AUTH_*) counted per IP. */
export const authIpLimiter = lazy(() => ({
  name: 'auth-ip',
  ...config.rateLimits.auth,
  message: 'Too many failed attempts. Please try again later',
  key: clientIp,
  failuresOnly: true,
}));

/** Failed auth attempts (RATE_LIMIT_AUTH_*) counted per email in the body. */
export const authEmailLimiter = lazy(() => ({
  name: 'auth-email',
  ...config.rateLimits.auth,
  message: 'Too many failed attempts for this account. Please try again later',
  key: emailFromBody,
  failuresOnly: true,
}));

/** Both auth limiters; mount on login/register/OTP routes: `router.post('/login', authLimiter, ...)`. */
export const authLimiter: RequestHandler[] = [authIpLimiter, authEmailLimiter];

/** AI generation (RATE_LIMIT_AI_*) per user; every request counts. Mount after `requireAuth`. */
export const aiLimiter = lazy(() => ({
  name: 'ai',
  ...config.rateLimits.ai,
  message: 'AI generation limit reached. Please try again later',
  key: userOrIp,
}));

/** Exports (RATE_LIMIT_EXPORT_*) per user; every request counts. Mount after `requireAuth`. */
export const exportLimiter = lazy(() => ({
  name: 'export',
  ...config.rateLimits.export,
  message: 'Too many export requests. Please try again later',
  key: userOrIp,
}));
