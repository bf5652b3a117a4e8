import path from 'node:path';
import { ConfigError } from '../lib/errors';
import { envSchema, resolveLegacyNames, type Env } from './env';
import { databaseIdentity, derivedPrefixes } from './instance-prefix';

export { ConfigError };

const WEAK_SECRETS = /^(secret|changeme|change-me|password|your[-_].*)$/i;
const DEV_JWT_SECRET = 'intervai-development-secret-not-for-production-use-0001';

/** Express `trust proxy`: false (default), a hop count, or addresses/subnets ("loopback, 10.0.0.0/8"). */
function parseTrustProxy(value: string): boolean | number | string {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false' || v === 'no' || v === 'off') return false;
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : value.trim();
}

/**
 * A cheap guard against secrets typed by hand: too few distinct characters, under ~96 bits by
 * character frequency, a repeated unit ("abcabc…") or mostly a run ("abcdef…", "123456…").
 */
export function looksLowEntropy(secret: string): boolean {
  const counts = new Map<string, number>();
  for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= n * Math.log2(n / secret.length);
  const repeated = (secret + secret).indexOf(secret, 1) < secret.length;
  let steps = 0;
  for (let i = 1; i < secret.length; i++)
    if (Math.abs(secret.charCodeAt(i) - secret.charCodeAt(i - 1)) <= 1) steps += 1;
  return counts.size < 10 || bits < 96 || repeated || steps * 2 >= secret.length;
}

export function buildConfig(raw: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(resolveLegacyNames(raw));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`Invalid setting ${String(first.path.join('.'))}: ${first.message}`);
  }
  const env: Env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  const defaultsUsed: string[] = [];

  if (isProduction) {
    if (!env.JWT_SECRET) throw new ConfigError('JWT_SECRET is required in production');
    if (env.JWT_SECRET === DEV_JWT_SECRET) {
      throw new ConfigError(
        'JWT_SECRET is the public development secret: set your own random value (e.g. openssl rand -base64 48)',
      );
    }
    if (env.JWT_SECRET.length < 32 || WEAK_SECRETS.test(env.JWT_SECRET) || looksLowEntropy(env.JWT_SECRET)) {
      throw new ConfigError(
        'JWT_SECRET is too weak: use at least 32 random characters in production (e.g. openssl rand -base64 48)',
      );
    }
    if (!env.MONGODB_URI) throw new ConfigError('MONGODB_URI (or MONGO_URI) is required in production');
    if (!env.REDIS_URL) throw new ConfigError('REDIS_URL (or REDIS_HOST) is required in production');
    if (env.BCRYPT_ROUNDS < 10) throw new ConfigError('BCRYPT_ROUNDS must be at least 10 in production');
  } else if (!env.JWT_SECRET) {
    defaultsUsed.push('JWT_SECRET (development default)');
  }

  const aiProvider = env.AI_PROVIDER ?? (env.GROQ_API_KEY ? 'groq' : 'offline');
  if (aiProvider === 'groq' && !env.GROQ_API_KEY) {
    throw new ConfigError('AI_PROVIDER=groq needs GROQ_API_KEY (or GROQ_API)');
  }
  const dataDir = path.resolve(env.DATA_DIR);
  const derived = derivedPrefixes(
    env.DB_IDENTITY ?? databaseIdentity(env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/intervai'),
  );

  return {
    env: env.NODE_ENV,
    isProduction,
    isTest: env.NODE_ENV === 'test',
    port: env.PORT,
    workerMetricsPort: env.WORKER_METRICS_PORT,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    dataDir,
    defaultsUsed,
    mongo: { uri: env.MONGODB_URI },
    redis: {
      url: env.REDIS_URL,
      prefix: env.REDIS_PREFIX ?? derived.redisPrefix,
      bullPrefix: env.BULL_PREFIX ?? derived.bullPrefix,
      commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
      connectTimeoutMs: env.REDIS_CONNECT_TIMEOUT_MS,
    },
    auth: {
      jwtSecret: env.JWT_SECRET ?? DEV_JWT_SECRET,
      jwtExpiresIn: env.JWT_EXPIRES_IN,
      bcryptRounds: env.BCRYPT_ROUNDS,
      requireEmailVerification: env.REQUIRE_EMAIL_VERIFICATION,
      passwordMinLength: env.PASSWORD_MIN_LENGTH,
      auditRetentionDays: env.AUDIT_RETENTION_DAYS,
    },
    otp: {
      expiryMinutes: env.OTP_EXPIRY_MINUTES,
      expirySeconds: env.OTP_EXPIRY_SECONDS ?? env.OTP_EXPIRY_MINUTES * 60,
      maxAttempts: env.OTP_MAX_ATTEMPTS,
      rateLimitMax: env.OTP_RATE_LIMIT_MAX,
    },
    cors: {
      origins: env.CLIENT_URL.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      // Outside production any http://localhost:<port> / http://127.0.0.1:<port> may call (local frontends).
      allowLocalhost: !isProduction,
    },
    ai: {
      provider: aiProvider as 'groq' | 'offline',
      apiKey: env.GROQ_API_KEY,
      baseURL: env.GROQ_BASE_URL,
      model: env.GROQ_MODEL,
      timeoutMs: env.AI_TIMEOUT_MS,
      dailyQuota: env.AI_DAILY_QUOTA,
    },
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.EMAIL_FROM,
      fromName: env.EMAIL_FROM_NAME,
      outboxDir: env.MAIL_OUTBOX_DIR ? path.resolve(env.MAIL_OUTBOX_DIR) : path.join(dataDir, 'outbox'),
    },
    rateLimits: {
      general: { max: env.RATE_LIMIT_GENERAL_MAX, windowMs: env.RATE_LIMIT_GENERAL_WINDOW_MS },
      auth: { max: env.RATE_LIMIT_AUTH_MAX, windowMs: env.RATE_LIMIT_AUTH_WINDOW_MS },
      ai: { max: env.RATE_LIMIT_AI_MAX, windowMs: env.RATE_LIMIT_AI_WINDOW_MS },
      export: { max: env.RATE_LIMIT_EXPORT_MAX, windowMs: env.RATE_LIMIT_EXPORT_WINDOW_MS },
    },
    limits: {
      sessionQuestionLimit: env.SESSION_QUESTION_LIMIT,
      exportTtlHours: env.EXPORT_TTL_HOURS,
      regenerateWaitMs: env.REGENERATE_WAIT_MS,
    },
    worker: { concurrency: env.WORKER_CONCURRENCY, aiRetryBaseMs: env.AI_RETRY_BASE_MS },
    cache: {
      generationTtlSeconds: env.GENERATION_CACHE_TTL_SECONDS,
      generationPoolMax: env.GENERATION_POOL_MAX,
    },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    metricsToken: env.METRICS_TOKEN,
    security: {
      authAccountMax: env.RATE_LIMIT_AUTH_ACCOUNT_MAX,
      register: { max: env.RATE_LIMIT_REGISTER_MAX, windowMs: env.RATE_LIMIT_REGISTER_WINDOW_MS },
      sessionCreate: {
        max: env.RATE_LIMIT_SESSION_CREATE_MAX,
        windowMs: env.RATE_LIMIT_SESSION_CREATE_WINDOW_MS,
      },
      sessionMaxPerUser: env.SESSION_MAX_PER_USER,
      bcryptMaxConcurrent: env.BCRYPT_MAX_CONCURRENT,
      bcryptMaxQueued: env.BCRYPT_MAX_QUEUED,
    },
    reliability: {
      mongoServerSelectionTimeoutMs: env.MONGO_SERVER_SELECTION_TIMEOUT_MS,
      queueLockDurationMs: env.QUEUE_LOCK_DURATION_MS,
      queueStalledIntervalMs: env.QUEUE_STALLED_INTERVAL_MS,
      // A stopping worker waits for its active jobs: one AI call plus a margin, unless set.
      workerDrainTimeoutMs: env.WORKER_DRAIN_TIMEOUT_MS ?? env.AI_TIMEOUT_MS + 15_000,
      reconcileIntervalMs: env.RECONCILE_INTERVAL_MS,
      reconcileGraceMs: env.RECONCILE_GRACE_MS,
    },
    apiDocs: env.API_DOCS ?? !isProduction,
  };
}

export type Config = ReturnType<typeof buildConfig>;

/**
 * The process-wide configuration. Read once at first import; the local runner (`main.ts`) fills in
 * MONGODB_URI / REDIS_URL for embedded services *before* anything imports this module.
 */
export const config: Config = buildConfig();
