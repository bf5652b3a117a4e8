import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { config } from '../config';
import { getRedis } from '../infra/redis';
import { logger } from '../infra/logger';
import { reportDown } from '../infra/dependencies';
import { TooManyRequestsError } from '../lib/errors';
import type { ErrorCode } from '../lib/error-codes';

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
  /** Count only credential failures (wrong password or code), not validation errors or conflicts. */
  credentialFailuresOnly?: boolean;
  /** Let requests through when Redis is unreachable (general limits) instead of failing them. */
  failOpen?: boolean;
}

// ipKeyGenerator parses the address (IPv6 subnets) on every call, and a limiter calls it twice per request
// (skip + key): remember the answers for the addresses seen lately.
const ipKeys = new Map<string, string>();
const IP_KEYS_MAX = 10_000;

export const clientIp = (req: Request): string => {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  let key = ipKeys.get(ip);
  if (key === undefined) {
    if (ipKeys.size >= IP_KEYS_MAX) ipKeys.clear();
    key = ipKeyGenerator(ip);
    ipKeys.set(ip, key);
  }
  return key;
};

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
    skipSuccessfulRequests: (spec.failuresOnly || spec.credentialFailuresOnly) ?? false,
    // Every request is counted when it starts (so a parallel burst cannot slip past the limit); on
    // finish, anything that was not a credential failure is given back.
    ...(spec.credentialFailuresOnly
      ? {
          requestWasSuccessful: (_req: Request, res: Response) =>
            !CREDENTIAL_FAILURES.has(String(res.locals.errorCode)),
        }
      : {}),
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

/** Error codes that mean "wrong password or code": the only outcomes the auth limiters count. */
const CREDENTIAL_FAILURES = new Set<string>([
  'invalid_credentials',
  'invalid_password',
  'invalid_otp',
  'otp_attempts_exceeded',
] satisfies ErrorCode[]);

const accountKeys = new WeakMap<Request, string | undefined>();

/**
 * The account a request is about: the body's email normalised exactly as validation does (trimmed,
 * lower-cased), computed once per request and before any length check, so padding cannot dodge a
 * per-account counter. Absurdly long values are hashed to keep Redis keys small.
 */
export function accountKey(req: Request): string | undefined {
  if (accountKeys.has(req)) return accountKeys.get(req);
  const email = (req.body as Record<string, unknown> | undefined)?.email;
  const normalised = typeof email === 'string' ? email.trim().toLowerCase() : '';
  const key = !normalised
    ? undefined
    : normalised.length <= 254
      ? normalised
      : `sha256:${createHash('sha256').update(normalised).digest('hex')}`;
  accountKeys.set(req, key);
  return key;
}

const ipAndAccount = (req: Request): string | undefined => {
  const account = accountKey(req);
  return account === undefined ? undefined : `${clientIp(req)}|${account}`;
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

const failedAttempts = 'Too many failed attempts. Please try again later';

/** Credential failures (RATE_LIMIT_AUTH_*) per IP: login, change-password, account deletion. */
export const authIpLimiter = lazy(() => ({
  name: 'auth-ip',
  ...config.rateLimits.auth,
  message: failedAttempts,
  key: clientIp,
  credentialFailuresOnly: true,
}));

/** Failed logins (RATE_LIMIT_AUTH_*) per (IP, account) pair. */
export const authPairLimiter = lazy(() => ({
  name: 'auth-pair',
  ...config.rateLimits.auth,
  message: failedAttempts,
  key: ipAndAccount,
  credentialFailuresOnly: true,
}));

/**
 * Failed logins per account from any IP: a higher ceiling (RATE_LIMIT_AUTH_ACCOUNT_MAX) against guessing
 * spread over many addresses. One address reaches its own limit long before it, so one attacker cannot
 * lock the owner out.
 */
export const authAccountLimiter = lazy(() => ({
  name: 'auth-account',
  max: config.security.authAccountMax,
  windowMs: config.rateLimits.auth.windowMs,
  message: 'Too many failed attempts for this account. Please try again later',
  key: accountKey,
  credentialFailuresOnly: true,
}));

/** Login: per IP, per (IP, account) and per account. */
export const authLimiter: RequestHandler[] = [authIpLimiter, authPairLimiter, authAccountLimiter];

/**
 * OTP routes count wrong codes in their own namespace (per IP and per (IP, account)), so failed logins
 * never block a password reset; each code also has its own attempt cap (OTP_MAX_ATTEMPTS).
 */
export const otpLimiter: RequestHandler[] = [
  lazy(() => ({
    name: 'otp-ip',
    ...config.rateLimits.auth,
    message: failedAttempts,
    key: clientIp,
    credentialFailuresOnly: true,
  })),
  lazy(() => ({
    name: 'otp-pair',
    ...config.rateLimits.auth,
    message: failedAttempts,
    key: ipAndAccount,
    credentialFailuresOnly: true,
  })),
];

/** Registrations (RATE_LIMIT_REGISTER_*) per IP, successful ones included. */
export const registerLimiter = lazy(() => ({
  name: 'register',
  ...config.security.register,
  message: 'Too many registrations from this address. Please try again later',
  key: clientIp,
}));

/**
 * AI generation (RATE_LIMIT_AI_*) per user; every request counts. Mount after `requireAuth`. Routes with a
 * cache in front of the model call `consumeAiQuota` (modules/usage) instead, after the cache check: it
 * counts in the same window key (`rl:ai:user:<id>`) and also enforces the daily quota.
 */
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

/** Session creation (RATE_LIMIT_SESSION_CREATE_*) per user; every request counts. Mount after `requireAuth`. */
export const sessionCreateLimiter = lazy(() => ({
  name: 'session-create',
  ...config.security.sessionCreate,
  message: 'Too many sessions created. Please try again later',
  key: userOrIp,
}));
