import { z } from 'zod';

/**
 * Every setting the service reads, with its default. Old names from the JavaScript version
 * (MONGO_URI, REDIS_HOST/PORT/PASSWORD, GROQ_API, EMAIL_SERVICE/SMTP_*, SENDGRID_API_KEY) are folded
 * into the new ones by `resolveLegacyNames` so existing .env files keep booting.
 */
const bool = z
  .union([z.boolean(), z.string()])
  .transform((v) => (typeof v === 'boolean' ? v : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase())));
const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(8000, 0, 65535),
  WORKER_METRICS_PORT: int(9464, 0, 65535),
  // Proxy headers (X-Forwarded-For) are trusted only where a proxy sets them (e.g. Render: 1).
  TRUST_PROXY: z.string().default('false'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).optional(),

  MONGODB_URI: optionalString,
  REDIS_URL: optionalString,
  // Unset → derived from the database in use (config/instance-prefix.ts).
  REDIS_PREFIX: optionalString,
  BULL_PREFIX: optionalString,
  // Set by the local runner for the embedded server (its port changes per start, its data directory does not).
  DB_IDENTITY: optionalString,
  DATA_DIR: z.string().default('.data'),

  JWT_SECRET: optionalString,
  JWT_EXPIRES_IN: z.string().default('7d'),
  BCRYPT_ROUNDS: int(12, 4, 15),
  CLIENT_URL: z.string().default('http://localhost:3000,http://localhost:5173'),
  REQUIRE_EMAIL_VERIFICATION: bool.default(false),

  AI_PROVIDER: z.enum(['groq', 'offline']).optional(),
  GROQ_API_KEY: optionalString,
  GROQ_BASE_URL: optionalString,
  GROQ_MODEL: z.string().default('llama-3.1-8b-instant'),
  AI_TIMEOUT_MS: int(30_000, 100),
  AI_DAILY_QUOTA: int(100, 0),

  SMTP_URL: optionalString,
  EMAIL_FROM: z.string().default('noreply@intervai.com'),
  EMAIL_FROM_NAME: z.string().default('IntervAI'),
  MAIL_OUTBOX_DIR: optionalString,

  OTP_EXPIRY_MINUTES: int(10, 1, 1440),
  // Overrides OTP_EXPIRY_MINUTES when set (tests use a few seconds to exercise expiry).
  OTP_EXPIRY_SECONDS: z.coerce.number().int().min(1).max(86_400).optional(),
  OTP_MAX_ATTEMPTS: int(5, 1, 100),
  OTP_RATE_LIMIT_MAX: int(3, 1, 1000),
  PASSWORD_MIN_LENGTH: int(8, 6, 128),
  AUDIT_RETENTION_DAYS: int(90, 1, 3650),

  RATE_LIMIT_GENERAL_MAX: int(300, 1),
  RATE_LIMIT_GENERAL_WINDOW_MS: int(15 * 60_000, 1000),
  RATE_LIMIT_AUTH_MAX: int(10, 1),
  RATE_LIMIT_AUTH_WINDOW_MS: int(15 * 60_000, 1000),
  RATE_LIMIT_AI_MAX: int(20, 1),
  RATE_LIMIT_AI_WINDOW_MS: int(60 * 60_000, 1000),
  RATE_LIMIT_EXPORT_MAX: int(10, 1),
  RATE_LIMIT_EXPORT_WINDOW_MS: int(10 * 60_000, 1000),

  SESSION_QUESTION_LIMIT: int(50, 1, 1000),
  EXPORT_TTL_HOURS: int(24, 1),
  REGENERATE_WAIT_MS: int(8000, 0, 60_000),
  WORKER_CONCURRENCY: int(4, 1, 64),
  GENERATION_CACHE_TTL_SECONDS: int(7 * 24 * 3600, 60),
  GENERATION_POOL_MAX: int(200, 0, 10_000),
  AI_RETRY_BASE_MS: int(2000, 10, 60_000),
  SHUTDOWN_TIMEOUT_MS: int(8000, 500, 120_000),
  METRICS_TOKEN: optionalString,
  // Security limits (issue 9): counted per IP / account / user in Redis like the others.
  RATE_LIMIT_AUTH_ACCOUNT_MAX: int(50, 1),
  RATE_LIMIT_REGISTER_MAX: int(10, 1),
  RATE_LIMIT_REGISTER_WINDOW_MS: int(60 * 60_000, 1000),
  RATE_LIMIT_SESSION_CREATE_MAX: int(30, 1),
  RATE_LIMIT_SESSION_CREATE_WINDOW_MS: int(10 * 60_000, 1000),
  SESSION_MAX_PER_USER: int(200, 1),
  BCRYPT_MAX_CONCURRENT: int(4, 1, 256),
  BCRYPT_MAX_QUEUED: int(8, 0, 10_000),
  // Reliability: fail fast when a dependency is down, recover stalled jobs, drain on stop (issue 14).
  MONGO_SERVER_SELECTION_TIMEOUT_MS: int(1000, 100, 60_000),
  REDIS_COMMAND_TIMEOUT_MS: int(2000, 100, 60_000),
  REDIS_CONNECT_TIMEOUT_MS: int(2000, 100, 60_000),
  QUEUE_LOCK_DURATION_MS: int(10_000, 1000, 600_000),
  QUEUE_STALLED_INTERVAL_MS: int(5000, 1000, 600_000),
  WORKER_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  RECONCILE_INTERVAL_MS: int(60_000, 100, 3_600_000),
  RECONCILE_GRACE_MS: int(30_000, 0, 3_600_000),
  // Swagger UI at /api-docs and the document at /openapi.json. Unset or empty → on outside production only.
  API_DOCS: z.preprocess((v) => (v === '' ? undefined : v), bool.optional()),
});

export type Env = z.infer<typeof envSchema>;
type RawEnv = Record<string, string | undefined>;

/** Maps the old JavaScript version's variable names onto the current ones (new names win). */
export function resolveLegacyNames(raw: RawEnv): RawEnv {
  const env = { ...raw };
  env.MONGODB_URI ??= raw.MONGO_URI;
  env.GROQ_API_KEY ??= raw.GROQ_API;
  if (!env.REDIS_URL && raw.REDIS_HOST) {
    const auth = raw.REDIS_PASSWORD ? `:${encodeURIComponent(raw.REDIS_PASSWORD)}@` : '';
    env.REDIS_URL = `redis://${auth}${raw.REDIS_HOST}:${raw.REDIS_PORT || '6379'}`;
  }
  if (!env.SMTP_URL) env.SMTP_URL = legacySmtpUrl(raw);
  return env;
}

function legacySmtpUrl(raw: RawEnv): string | undefined {
  const service = (raw.EMAIL_SERVICE || '').toLowerCase();
  const enc = (v: string | undefined) => encodeURIComponent(v ?? '');
  if (service === 'sendgrid' && raw.SENDGRID_API_KEY) {
    return `smtp://apikey:${enc(raw.SENDGRID_API_KEY)}@smtp.sendgrid.net:587`;
  }
  if (service === 'gmail' && raw.SMTP_USER) {
    return `smtps://${enc(raw.SMTP_USER)}:${enc(raw.SMTP_PASS)}@smtp.gmail.com:465`;
  }
  if (raw.SMTP_HOST) {
    const auth = raw.SMTP_USER ? `${enc(raw.SMTP_USER)}:${enc(raw.SMTP_PASS)}@` : '';
    const port = raw.SMTP_PORT || '587';
    return `${port === '465' ? 'smtps' : 'smtp'}://${auth}${raw.SMTP_HOST}:${port}`;
  }
  return undefined;
}
