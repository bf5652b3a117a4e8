/**
 * Typed errors for the AI layer. Every provider failure is mapped to an `AiError` whose `kind` and
 * `retryable` tell the job runner what to do: retry later (honouring `retryAfterMs`) or fail fast.
 *
 *   kind         retryable  when
 *   auth         no         401 / 403: the key is wrong or lacks access
 *   rate_limit   yes        429 (retryAfterMs from `retry-after-ms` or `retry-after`)
 *   server       yes        5xx, connection refused/reset, aborted requests
 *   timeout      yes        the call exceeded its time limit (or 408)
 *   bad_output   yes        the model answered, but nothing usable could be parsed from it
 *   bad_request  no         other 4xx: the request itself is wrong (model name, context length, ...)
 */
export type AiErrorKind = 'auth' | 'rate_limit' | 'server' | 'timeout' | 'bad_output' | 'bad_request';

export const AUTH_ERROR_MESSAGE = 'AI provider rejected the API key';

const DEFAULT_RETRYABLE: Record<AiErrorKind, boolean> = {
  auth: false,
  rate_limit: true,
  server: true,
  timeout: true,
  bad_output: true,
  bad_request: false,
};

export interface AiErrorOptions {
  retryable?: boolean;
  retryAfterMs?: number;
  status?: number;
  cause?: unknown;
}

export class AiError extends Error {
  readonly kind: AiErrorKind;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  /** HTTP status of the provider response, when there was one. */
  readonly status?: number;

  constructor(kind: AiErrorKind, message: string, opts: AiErrorOptions = {}) {
    super(message);
    this.name = 'AiError';
    this.kind = kind;
    this.retryable = opts.retryable ?? DEFAULT_RETRYABLE[kind];
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.cause !== undefined) (this as { cause?: unknown }).cause = opts.cause;
  }
}

export function isAiError(err: unknown): err is AiError {
  return err instanceof AiError;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

function getHeader(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const rec = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(rec).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : rec[key];
  return Array.isArray(v) ? v[0] : v;
}

/** Largest delay we will ever ask a job to wait; a silly header must not park a job for days. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Milliseconds to wait before retrying, from `retry-after-ms` (milliseconds, non-standard but sent by
 * OpenAI-compatible servers) or `retry-after` (delta-seconds or an HTTP date). Undefined when absent
 * or unparseable. Clamped to [0, MAX_RETRY_AFTER_MS].
 */
export function parseRetryAfter(headers: HeaderSource, now: number = Date.now()): number | undefined {
  const clamp = (ms: number) => Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));
  const msHeader = getHeader(headers, 'retry-after-ms')?.trim();
  if (msHeader && /^\d+(\.\d+)?$/.test(msHeader)) return clamp(Number(msHeader));
  const header = getHeader(headers, 'retry-after')?.trim();
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header)) return clamp(Number(header) * 1000);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return clamp(date - now);
}

interface ErrorLike {
  name?: string;
  message?: string;
  status?: number;
  headers?: HeaderSource;
  error?: unknown;
  code?: string;
  cause?: unknown;
}

function providerMessage(e: ErrorLike): string {
  const body = e.error as { message?: unknown; error?: { message?: unknown } } | undefined;
  const m = body?.error?.message ?? body?.message;
  return typeof m === 'string' && m ? m : (e.message ?? 'AI provider error');
}

function providerCode(e: ErrorLike): string | undefined {
  const body = e.error as { code?: unknown; error?: { code?: unknown } } | undefined;
  const c = body?.error?.code ?? body?.code;
  return typeof c === 'string' ? c : undefined;
}

/**
 * True when the error's cause chain holds an abort or timeout. groq-sdk aborts the fetch when its own
 * timeout fires; it recognises that as a timeout only when the AbortError is an `Error` of the current
 * realm (not so under Jest's vm contexts), otherwise it reports a connection error whose cause is the
 * AbortError. A caller's own abort is reported separately (APIUserAbortError), so an abort found here is
 * the client timeout.
 */
function causedByTimeout(e: ErrorLike): boolean {
  let cause = e.cause as ErrorLike | undefined;
  for (let depth = 0; cause && typeof cause === 'object' && depth < 5; depth++) {
    if (
      /AbortError|TimeoutError/.test(cause.name ?? '') ||
      cause.code === 'ETIMEDOUT' ||
      cause.code === 'UND_ERR_CONNECT_TIMEOUT'
    ) {
      return true;
    }
    cause = cause.cause as ErrorLike | undefined;
  }
  return false;
}

/**
 * Maps anything thrown while calling a provider (groq-sdk errors, fetch/network errors, our own
 * AiErrors) to an AiError. Duck-typed on `status`/`name` so it also works for other SDKs and fetch.
 */
export function toAiError(err: unknown): AiError {
  if (err instanceof AiError) return err;
  const e = (err ?? {}) as ErrorLike;
  const name = e.name ?? '';
  const status = typeof e.status === 'number' ? e.status : undefined;

  if (status === undefined) {
    if (
      /timeout/i.test(name) ||
      e.code === 'ETIMEDOUT' ||
      /timed out/i.test(e.message ?? '') ||
      causedByTimeout(e)
    ) {
      return new AiError('timeout', 'AI provider request timed out', { cause: err });
    }
    if (/abort/i.test(name) || /\baborted\b/i.test(e.message ?? '')) {
      return new AiError('timeout', 'AI provider request was aborted', { cause: err });
    }
    // APIConnectionError, ECONNREFUSED, ECONNRESET, DNS failures...
    return new AiError('server', `Could not reach the AI provider: ${e.message ?? 'connection error'}`, {
      cause: err,
    });
  }

  const detail = providerMessage(e);
  if (status === 401 || status === 403) {
    return new AiError('auth', AUTH_ERROR_MESSAGE, { status, cause: err });
  }
  if (status === 429) {
    return new AiError('rate_limit', `AI provider rate limit reached: ${detail}`, {
      status,
      retryAfterMs: parseRetryAfter(e.headers),
      cause: err,
    });
  }
  if (status === 408) return new AiError('timeout', 'AI provider request timed out', { status, cause: err });
  if (status >= 500) {
    return new AiError('server', `AI provider error (${status}): ${detail}`, {
      status,
      retryAfterMs: parseRetryAfter(e.headers),
      cause: err,
    });
  }
  // Groq answers 400 json_validate_failed when the model's JSON-mode output was not valid JSON: that is
  // a bad generation, and another attempt usually succeeds.
  if (status === 400 && providerCode(e) === 'json_validate_failed') {
    return new AiError('bad_output', 'AI provider could not produce valid JSON', { status, cause: err });
  }
  // 404: usually a wrong model name or a base URL without the server's API prefix (e.g. Ollama needs /v1).
  const hint = status === 404 ? ' (check GROQ_MODEL and GROQ_BASE_URL)' : '';
  return new AiError('bad_request', `AI provider rejected the request (${status}): ${detail}${hint}`, {
    status,
    cause: err,
  });
}
