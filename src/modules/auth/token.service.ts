import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import jwt, { JsonWebTokenError, TokenExpiredError } from 'jsonwebtoken';
import { config } from '../../config';
import { NotFoundError, UnauthorizedError } from '../../lib/errors';
import { closeUserSockets } from '../../infra/events';
import { getRedis } from '../../infra/redis';
import type { UserRole } from '../users/user.model';
import { loadAuthState, type AuthState } from '../users/user.service';
import type { ClientInfo } from '../users/audit.service';
import { describeDevice } from './device';
import { parseDurationSeconds } from './duration';

/**
 * Access tokens, login sessions and revocation.
 *
 * - A token is a JWT (HS256 only) with `sub` (user id), `jti` (token id), `sid` (login session id) and
 *   `tv` (the user's tokenVersion when it was issued).
 * - Each login is a session in Redis (`auth:session:<sid>`, hash) listed in `auth:sessions:<userId>`
 *   (set). A token is only accepted while its session exists and names its jti, so revoking a session,
 *   rotating a token or deleting an account ends the token at once, on every api instance.
 * - Logout and rotation also put the jti on the denylist (`revoked:<jti>`) until the token would expire.
 * - The user's tokenVersion/role/disabled flag are cached in `auth:user:<userId>` for a minute; writers
 *   overwrite the cache right after changing the user, readers only fill it when it is empty.
 */

// Built once: jsonwebtoken with a KeyObject is ~50x faster than with a string secret.
const signingKey: KeyObject = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
export const TOKEN_TTL_SECONDS = parseDurationSeconds(config.auth.jwtExpiresIn);
const AUTH_STATE_TTL_SECONDS = 60;
const LAST_SEEN_RESOLUTION_MS = 60_000;

const keys = {
  revoked: (jti: string) => `revoked:${jti}`,
  session: (sid: string) => `auth:session:${sid}`,
  userSessions: (userId: string) => `auth:sessions:${userId}`,
  authState: (userId: string) => `auth:user:${userId}`,
};

export interface TokenClaims {
  sub: string;
  jti: string;
  sid: string;
  tv: number;
  iat: number;
  exp: number;
}

export interface IssuedToken {
  token: string;
  jti: string;
  sid: string;
  /** Lifetime in seconds. */
  expiresIn: number;
  expiresAt: Date;
}

function sign(userId: string, sid: string, tokenVersion: number): IssuedToken {
  const jti = randomUUID();
  const token = jwt.sign({ sid, tv: tokenVersion }, signingKey, {
    algorithm: 'HS256',
    expiresIn: TOKEN_TTL_SECONDS,
    subject: userId,
    jwtid: jti,
  });
  return {
    token,
    jti,
    sid,
    expiresIn: TOKEN_TTL_SECONDS,
    expiresAt: new Date(Date.now() + TOKEN_TTL_SECONDS * 1000),
  };
}

/** Verifies signature (HS256 only), expiry and claim shapes. */
export function verifyToken(token: string): TokenClaims {
  let decoded: unknown;
  try {
    decoded = jwt.verify(token, signingKey, { algorithms: ['HS256'] });
  } catch (err) {
    if (err instanceof TokenExpiredError)
      throw new UnauthorizedError('Token expired. Please login again', 'token_expired');
    if (err instanceof JsonWebTokenError) throw new UnauthorizedError('Invalid token', 'invalid_token');
    throw err;
  }
  const c = decoded as Partial<TokenClaims>;
  if (
    typeof c !== 'object' ||
    typeof c.sub !== 'string' ||
    typeof c.jti !== 'string' ||
    typeof c.sid !== 'string' ||
    typeof c.tv !== 'number' ||
    typeof c.exp !== 'number'
  ) {
    throw new UnauthorizedError('Invalid token', 'invalid_token');
  }
  return c as TokenClaims;
}

// ---------------------------------------------------------------------------------------------
// Cached auth state (tokenVersion, role, disabled)

export async function getAuthState(userId: string): Promise<AuthState | null> {
  const redis = getRedis();
  const cached = await redis.get(keys.authState(userId));
  if (cached) return JSON.parse(cached) as AuthState;
  const state = await loadAuthState(userId);
  // NX: never overwrite a fresher value written by a writer after our read.
  if (state)
    await redis.set(keys.authState(userId), JSON.stringify(state), 'EX', AUTH_STATE_TTL_SECONDS, 'NX');
  return state;
}

/** Call after changing a user's tokenVersion, role or disabled flag, or after deleting the user. */
export async function refreshAuthState(userId: string): Promise<void> {
  const state = await loadAuthState(userId);
  const redis = getRedis();
  if (state) await redis.set(keys.authState(userId), JSON.stringify(state), 'EX', AUTH_STATE_TTL_SECONDS);
  else await redis.del(keys.authState(userId));
}

// ---------------------------------------------------------------------------------------------
// Sessions

export interface SessionInfo {
  id: string;
  device: string;
  userAgent: string;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

/** Starts a login session and returns its first token. */
export async function startSession(
  userId: string,
  tokenVersion: number,
  client: ClientInfo,
): Promise<IssuedToken> {
  const sid = randomUUID();
  const issued = sign(userId, sid, tokenVersion);
  const now = new Date().toISOString();
  const redis = getRedis();
  await redis
    .multi()
    .hset(keys.session(sid), {
      userId,
      jti: issued.jti,
      userAgent: (client.userAgent ?? '').slice(0, 512),
      ip: client.ip ?? '',
      createdAt: now,
      lastSeenAt: now,
      expiresAt: issued.expiresAt.toISOString(),
    })
    .expire(keys.session(sid), TOKEN_TTL_SECONDS)
    .sadd(keys.userSessions(userId), sid)
    .expire(keys.userSessions(userId), TOKEN_TTL_SECONDS)
    .exec();
  return issued;
}

/** Denylists one token until it would have expired anyway. */
export async function revokeToken(jti: string, exp: number): Promise<void> {
  const ttl = Math.max(1, exp - Math.floor(Date.now() / 1000));
  await getRedis().set(keys.revoked(jti), '1', 'EX', ttl);
}

/** Rotation: a new token for the same session; the presented one is revoked (single use). */
export async function rotateToken(claims: TokenClaims, client: ClientInfo): Promise<IssuedToken> {
  const state = await getAuthState(claims.sub);
  if (!state) throw new UnauthorizedError('Invalid token', 'invalid_token');
  const issued = sign(claims.sub, claims.sid, state.tokenVersion);
  const redis = getRedis();
  // Swap the session's jti only if it still names the presented token (a concurrent rotation wins once).
  const swapped = (await redis.eval(
    `if redis.call('HGET', KEYS[1], 'jti') ~= ARGV[1] then return 0 end
     redis.call('HSET', KEYS[1], 'jti', ARGV[2], 'lastSeenAt', ARGV[3], 'expiresAt', ARGV[4], 'ip', ARGV[5])
     redis.call('EXPIRE', KEYS[1], ARGV[6])
     return 1`,
    1,
    keys.session(claims.sid),
    claims.jti,
    issued.jti,
    new Date().toISOString(),
    issued.expiresAt.toISOString(),
    client.ip ?? '',
    String(TOKEN_TTL_SECONDS),
  )) as number;
  if (swapped !== 1) throw new UnauthorizedError('Token has been revoked', 'token_revoked');
  await Promise.all([
    revokeToken(claims.jti, claims.exp),
    redis.expire(keys.userSessions(claims.sub), TOKEN_TTL_SECONDS),
  ]);
  await closeUserSockets(claims.sub, { jti: claims.jti });
  return issued;
}

/** Ends the session a token belongs to (logout). */
export async function endSession(claims: Pick<TokenClaims, 'sub' | 'sid' | 'jti' | 'exp'>): Promise<void> {
  const redis = getRedis();
  await Promise.all([
    revokeToken(claims.jti, claims.exp),
    redis.multi().del(keys.session(claims.sid)).srem(keys.userSessions(claims.sub), claims.sid).exec(),
  ]);
  await closeUserSockets(claims.sub, { jti: claims.jti });
}

async function readSessions(userId: string): Promise<Array<{ sid: string; data: Record<string, string> }>> {
  const redis = getRedis();
  const sids = await redis.smembers(keys.userSessions(userId));
  if (!sids.length) return [];
  const pipeline = redis.pipeline();
  for (const sid of sids) pipeline.hgetall(keys.session(sid));
  const results = (await pipeline.exec()) ?? [];
  const live: Array<{ sid: string; data: Record<string, string> }> = [];
  const stale: string[] = [];
  sids.forEach((sid, i) => {
    const data = results[i]?.[1] as Record<string, string> | undefined;
    if (data && data.userId === userId) live.push({ sid, data });
    else stale.push(sid);
  });
  if (stale.length) await redis.srem(keys.userSessions(userId), ...stale);
  return live;
}

export async function listSessions(userId: string, currentSid?: string): Promise<SessionInfo[]> {
  const sessions = await readSessions(userId);
  return sessions
    .map(({ sid, data }) => ({
      id: sid,
      device: describeDevice(data.userAgent),
      userAgent: data.userAgent ?? '',
      ip: data.ip ?? '',
      createdAt: data.createdAt,
      lastSeenAt: data.lastSeenAt,
      expiresAt: data.expiresAt,
      current: sid === currentSid,
    }))
    .sort((a, b) => (a.lastSeenAt < b.lastSeenAt ? 1 : -1));
}

async function killSessions(
  userId: string,
  sessions: Array<{ sid: string; data: Record<string, string> }>,
): Promise<void> {
  if (!sessions.length) return;
  const now = Math.floor(Date.now() / 1000);
  const multi = getRedis().multi();
  for (const { sid, data } of sessions) {
    const tokenExp = Math.floor(Date.parse(data.expiresAt) / 1000) || now + TOKEN_TTL_SECONDS;
    if (data.jti) multi.set(keys.revoked(data.jti), '1', 'EX', Math.max(1, tokenExp - now));
    multi.del(keys.session(sid));
    multi.srem(keys.userSessions(userId), sid);
  }
  await multi.exec();
  await closeUserSockets(userId, { jti: sessions.flatMap(({ data }) => (data.jti ? [data.jti] : [])) });
}

/** Revokes one of the user's sessions; another user's (or an unknown) id is a 404. */
export async function revokeSession(userId: string, sid: string): Promise<void> {
  const data = await getRedis().hgetall(keys.session(sid));
  if (!data || data.userId !== userId) throw new NotFoundError('Session not found', 'session_not_found');
  await killSessions(userId, [{ sid, data }]);
}

/** Revokes every session of the user except `keepSid`; returns how many were revoked. */
export async function revokeAllSessions(userId: string, keepSid?: string): Promise<number> {
  const sessions = (await readSessions(userId)).filter((s) => s.sid !== keepSid);
  await killSessions(userId, sessions);
  return sessions.length;
}

// ---------------------------------------------------------------------------------------------
// Request authentication

export interface AuthenticatedUser {
  id: string;
  role: UserRole;
  jti: string;
  sid: string;
  tokenVersion: number;
  email: string;
  exp: number;
}

/** Everything `requireAuth` checks: signature, expiry, denylist, session, tokenVersion, user exists and is enabled. */
export async function authenticate(token: string): Promise<AuthenticatedUser> {
  const claims = verifyToken(token);
  const redis = getRedis();
  const [[, revoked], [, session]] = (await redis
    .pipeline()
    .exists(keys.revoked(claims.jti))
    .hmget(keys.session(claims.sid), 'userId', 'jti', 'lastSeenAt')
    .exec()) as [[Error | null, number], [Error | null, Array<string | null>]];
  const [sessionUser, sessionJti, lastSeenAt] = session ?? [];
  if (revoked || sessionUser !== claims.sub || sessionJti !== claims.jti) {
    throw new UnauthorizedError('Token has been revoked', 'token_revoked');
  }
  const state = await getAuthState(claims.sub);
  if (!state) throw new UnauthorizedError('Invalid token', 'invalid_token');
  if (state.disabled) throw new UnauthorizedError('Account disabled', 'account_disabled');
  if (state.tokenVersion !== claims.tv)
    throw new UnauthorizedError('Token has been revoked', 'token_revoked');

  if (!lastSeenAt || Date.now() - Date.parse(lastSeenAt) > LAST_SEEN_RESOLUTION_MS) {
    // Only touch a session that still exists (a concurrent logout must not resurrect it).
    await redis.eval(
      `if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'lastSeenAt', ARGV[1]) end return 1`,
      1,
      keys.session(claims.sid),
      new Date().toISOString(),
    );
  }
  return {
    id: claims.sub,
    role: state.role,
    jti: claims.jti,
    sid: claims.sid,
    tokenVersion: claims.tv,
    email: state.email,
    exp: claims.exp,
  };
}

/** Removes every token/session trace of a user from Redis (account deletion). */
export async function purgeUserAuth(userId: string): Promise<void> {
  await revokeAllSessions(userId);
  await getRedis().del(keys.userSessions(userId), keys.authState(userId));
}
