import { AsyncLocalStorage } from 'node:async_hooks';
import winston from 'winston';

/** Request-scoped fields (requestId, userId) that every log line written during a request carries. */
export interface LogContext {
  requestId?: string;
  userId?: string;
  jobId?: string;
  queue?: string;
}
export const logContext = new AsyncLocalStorage<LogContext>();

// Keys whose values must never reach a log line, whatever object they are nested in.
const SECRET_KEY = /pass(word)?|token|secret|otp|authorization|cookie|api[-_]?key|hash|jwt|credential/i;
// Values that look like secrets even under an innocent key: JWTs and bcrypt hashes.
const SECRET_VALUE = /(eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,})|(\$2[aby]\$\d{2}\$[./\w]{53})/g;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || value === undefined) return value;
  if (typeof value === 'string') return value.replace(SECRET_VALUE, '[REDACTED]');
  if (value instanceof Error) {
    return { name: value.name, message: redact(value.message, depth + 1), stack: value.stack };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEY.test(k) ? '[REDACTED]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

const redactFormat = winston.format((info) => {
  const ctx = logContext.getStore();
  if (ctx) {
    for (const [k, v] of Object.entries(ctx)) if (v !== undefined && info[k] === undefined) info[k] = v;
  }
  for (const key of Object.keys(info)) {
    if (key === 'level' || key === 'timestamp') continue;
    info[key] = SECRET_KEY.test(key) && key !== 'message' ? '[REDACTED]' : redact(info[key]);
  }
  return info;
});

const isProduction = process.env.NODE_ENV === 'production';

export const logger = winston.createLogger({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  format: winston.format.combine(
    winston.format.timestamp(),
    winston.format.errors({ stack: true }),
    redactFormat(),
    isProduction
      ? winston.format.json()
      : winston.format.printf(({ level, message, timestamp, ...rest }) => {
          const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
          return `${timestamp} ${level} ${message}${extra}`;
        }),
  ),
  transports: [new winston.transports.Console()],
});
