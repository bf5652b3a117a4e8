import { createHmac, randomInt, hkdfSync } from 'node:crypto';
import { config } from '../../config';
import { getRedis } from '../../infra/redis';
import { normalizeEmail } from '../users/user.model';

/**
 * One-time codes for password reset and email verification.
 *
 * - 6 digits from `crypto.randomInt(0, 1_000_000)`, zero-padded.
 * - Stored only as an HMAC (keyed from JWT_SECRET) in a Redis hash `{hash, attempts}` that expires after
 *   OTP_EXPIRY_MINUTES (or OTP_EXPIRY_SECONDS); a new code replaces the old one and its attempt count.
 * - Compared in constant time. Every wrong code counts, wherever it is tried (verify-otp and
 *   reset-password share the record); the OTP_MAX_ATTEMPTS-th wrong code burns it.
 * - At most OTP_RATE_LIMIT_MAX codes per email and purpose per hour (`countOtpRequest`).
 */
export type OtpPurpose = 'reset' | 'verify-email';

const otpKey = (purpose: OtpPurpose, email: string) =>
  purpose === 'reset' ? `otp:${normalizeEmail(email)}` : `otp:email-verification:${normalizeEmail(email)}`;
const requestsKey = (purpose: OtpPurpose, email: string) =>
  purpose === 'reset'
    ? `otp:requests:${normalizeEmail(email)}`
    : `otp:requests:email-verification:${normalizeEmail(email)}`;

const hmacKey = Buffer.from(hkdfSync('sha256', config.auth.jwtSecret, 'intervai-otp', 'otp-hmac', 32));

export const otpTtlSeconds = () => config.otp.expirySeconds;

export function hashOtp(purpose: OtpPurpose, email: string, code: string): string {
  return createHmac('sha256', hmacKey)
    .update(`${purpose}:${normalizeEmail(email)}:${code}`)
    .digest('hex');
}

export function generateOtpCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Normalises an OTP given as a string or a number ("012345", 12345 → "012345"); undefined if not 6 digits. */
export function normalizeOtp(value: string | number): string | undefined {
  const text =
    typeof value === 'number'
      ? Number.isInteger(value) && value >= 0
        ? String(value).padStart(6, '0')
        : ''
      : value.trim();
  return /^\d{6}$/.test(text) ? text : undefined;
}

/** Issues a fresh code (replacing any previous one and its attempt count) and returns it in clear, once. */
export async function issueOtp(purpose: OtpPurpose, email: string): Promise<string> {
  const code = generateOtpCode();
  const key = otpKey(purpose, email);
  await getRedis()
    .multi()
    .del(key)
    .hset(key, { hash: hashOtp(purpose, email, code), attempts: 0 })
    .expire(key, otpTtlSeconds())
    .exec();
  return code;
}

/** Counts one OTP request for this email and purpose in a fixed one-hour window; true while allowed. */
export async function countOtpRequest(
  purpose: OtpPurpose,
  email: string,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const key = requestsKey(purpose, email);
  // Fixed window from the first request (SET NX EX works on every Redis version, unlike EXPIRE NX).
  const [, [, count], [, ttl]] = (await getRedis()
    .multi()
    .set(key, '0', 'EX', 3600, 'NX')
    .incr(key)
    .ttl(key)
    .exec()) as [[null, unknown], [null, number], [null, number]];
  return { allowed: count <= config.otp.rateLimitMax, retryAfterSeconds: Math.max(1, ttl) };
}

export type OtpCheck =
  | { status: 'valid'; ttlSeconds: number }
  | { status: 'invalid'; attemptsRemaining: number }
  | { status: 'burnt' };

// Check and count in one atomic step, so a parallel burst cannot compare more than OTP_MAX_ATTEMPTS
// codes against one live OTP. Returns {1, ttl} valid, {-1, remaining} wrong, {-2, 0} burnt, {0, 0} none.
// `==` on HMACs is not constant-time, which leaks nothing useful: the HMAC key never leaves the server.
const CHECK_AND_COUNT = `
local stored = redis.call('HGET', KEYS[1], 'hash')
if not stored then return {0, 0} end
local max = tonumber(ARGV[2])
if stored == ARGV[1] then return {1, redis.call('TTL', KEYS[1])} end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if attempts >= max then redis.call('DEL', KEYS[1]) return {-2, 0} end
return {-1, max - attempts}`;

// A right code that must be used once: delete it only if it is still the same record.
const CONSUME = `
if redis.call('HGET', KEYS[1], 'hash') == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
return 0`;

/** Checks a code without using it up. Wrong codes count towards OTP_MAX_ATTEMPTS; the last one burns the code. */
export async function checkOtp(purpose: OtpPurpose, email: string, code: string): Promise<OtpCheck> {
  const [status, value] = (await getRedis().eval(
    CHECK_AND_COUNT,
    1,
    otpKey(purpose, email),
    hashOtp(purpose, email, code),
    String(config.otp.maxAttempts),
  )) as [number, number];
  if (status === 1) return { status: 'valid', ttlSeconds: Math.max(0, value) };
  if (status === -2) return { status: 'burnt' };
  return { status: 'invalid', attemptsRemaining: Math.max(0, value) };
}

/** Removes every OTP record and counter of an email (account deletion). */
export async function purgeOtps(email: string): Promise<void> {
  await getRedis().del(
    otpKey('reset', email),
    otpKey('verify-email', email),
    requestsKey('reset', email),
    requestsKey('verify-email', email),
  );
}

/** Uses a code that `checkOtp` found valid: deletes it if it is still the same record (single use). */
export async function consumeOtp(purpose: OtpPurpose, email: string, code: string): Promise<boolean> {
  const consumed = (await getRedis().eval(
    CONSUME,
    1,
    otpKey(purpose, email),
    hashOtp(purpose, email, code),
  )) as number;
  return consumed === 1;
}
