import path from 'node:path';
import { envSchema, resolveLegacyNames, type Env } from './env';

export class ConfigError extends Error {}

const WEAK_SECRETS = /^(secret|changeme|change-me|password|your[-_].*)$/i;
const DEV_JWT_SECRET = 'intervai-development-secret-not-for-production-use-0001';

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
    if (env.JWT_SECRET.length < 32 || WEAK_SECRETS.test(env.JWT_SECRET)) {
      throw new ConfigError('JWT_SECRET is too weak: use at least 32 random characters in production');
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

  return {
    env: env.NODE_ENV,
    isProduction,
    isTest: env.NODE_ENV === 'test',
    port: env.PORT,
    workerMetricsPort: env.WORKER_METRICS_PORT,
    trustProxy: /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY,
    dataDir,
    defaultsUsed,
    mongo: { uri: env.MONGODB_URI },
    redis: {
      url: env.REDIS_URL,
      prefix: env.REDIS_PREFIX,
      bullPrefix: env.BULL_PREFIX,
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
    reliability: {
      mongoServerSelectionTimeoutMs: env.MONGO_SERVER_SELECTION_TIMEOUT_MS,
      queueLockDurationMs: env.QUEUE_LOCK_DURATION_MS,
      queueStalledIntervalMs: env.QUEUE_STALLED_INTERVAL_MS,
      // A stopping worker waits for its active jobs: one AI call plus a margin, unless set.
      workerDrainTimeoutMs: env.WORKER_DRAIN_TIMEOUT_MS ?? env.AI_TIMEOUT_MS + 15_000,
      reconcileIntervalMs: env.RECONCILE_INTERVAL_MS,
      reconcileGraceMs: env.RECONCILE_GRACE_MS,
    },
  };
}

export type Config = ReturnType<typeof buildConfig>;

/**
 * The process-wide configuration. Read once at first import; the local runner (`main.ts`) fills in
 * MONGODB_URI / REDIS_URL for embedded services *before* anything imports this module.
 */
export const config: Config = loadOrExit();

// A bad setting stops the process with one line naming it, not a stack trace (tests get the exception).
function loadOrExit(): Config {
  try {
    return buildConfig();
  } catch (err) {
    if (err instanceof ConfigError && !process.env.JEST_WORKER_ID) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
