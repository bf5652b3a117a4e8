import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import jwt, { JsonWebTokenError, TokenExpiredError } from 'jsonwebtoken';
import { trusted, Types } from 'mongoose';
import { config } from '../../config';
import { NotFoundError, UnauthorizedError } from '../../lib/errors';
import { closeUserSockets } from '../../infra/events';
import { DependencyError } from '../../infra/dependencies';
import { getRedis } from '../../infra/redis';
import { readVersionKeys, readVersionOf } from '../../infra/read-version';
import type { UserRole } from '../users/user.model';
import { loadAuthState, type AuthState } from '../users/user.service';
import type { ClientInfo } from '../users/audit.service';
import { describeDevice } from './device';
import { parseDurationSeconds } from './duration';
import { LoginSession, type LoginSessionDoc } from './login-session.model';

/**
 * Access tokens, login sessions and revocation.
 *
 * - A token is a JWT (HS256 only) with `sub` (user id), `jti` (token id), `sid` (login session id) and
 *   `tv` (the user's tokenVersion when it was issued).
 * - Each login is a session, kept in MongoDB (`loginsessions`, the source of truth: it survives Redis
 *   losing its data) and copied to Redis (`auth:session:<sid>` hash, listed in `auth:sessions:<userId>`)
 *   as the fast path. A token is only accepted while its session exists and names its jti, so revoking a
 *   session, rotating a token or deleting an account ends the token at once, on every api instance.
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
// Sessions: MongoDB (login-session.model.ts) is the source of truth, Redis the fast path.
//
// Writes go to both. Ending a session denylists its token in Redis *before* deleting the document, so
// a request that re-fills the Redis copy from MongoDB in between is still refused by the denylist; once
// Redis has lost everything, the missing document refuses the token.

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

interface SessionRecord {
  sid: string;
  userId: string;
  jti: string;
  userAgent: string;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

function recordOf(doc: LoginSessionDoc): SessionRecord {
  return {
    sid: doc._id,
    userId: String(doc.user),
    jti: doc.jti,
    userAgent: doc.userAgent ?? '',
    ip: doc.ip ?? '',
    createdAt: new Date(doc.createdAt ?? doc.lastSeenAt).toISOString(),
    lastSeenAt: new Date(doc.lastSeenAt).toISOString(),
    expiresAt: new Date(doc.expiresAt).toISOString(),
  };
}

/** Writes the Redis copy of a session (hash + the user's set), expiring with the token. */
async function cacheSession(rec: SessionRecord): Promise<void> {
  const ttl = Math.max(1, Math.floor((Date.parse(rec.expiresAt) - Date.now()) / 1000));
  const { sid, ...fields } = rec;
  await checked(
    getRedis()
      .multi()
      .hset(keys.session(sid), fields)
      .expire(keys.session(sid), ttl)
      .sadd(keys.userSessions(rec.userId), sid)
      .expire(keys.userSessions(rec.userId), TOKEN_TTL_SECONDS),
  );
}

/** Starts a login session and returns its first token. */
export async function startSession(
  userId: string,
  tokenVersion: number,
  client: ClientInfo,
): Promise<IssuedToken> {
  const sid = randomUUID();
  const issued = sign(userId, sid, tokenVersion);
  const now = new Date();
  const doc = await LoginSession.create({
    _id: sid,
    user: userId,
    jti: issued.jti,
    userAgent: (client.userAgent ?? '').slice(0, 512),
    ip: client.ip ?? '',
    lastSeenAt: now,
    expiresAt: issued.expiresAt,
  });
  await cacheSession(recordOf(doc.toObject() as LoginSessionDoc));
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
  const now = new Date();
  // MongoDB decides: the swap happens only while the session still names the presented token, so a
  // concurrent rotation (or a logout) wins once.
  const swapped = await LoginSession.findOneAndUpdate(
    { _id: claims.sid, user: claims.sub, jti: claims.jti },
    { $set: { jti: issued.jti, lastSeenAt: now, expiresAt: issued.expiresAt, ip: client.ip ?? '' } },
    { new: true },
  ).lean<LoginSessionDoc>();
  if (!swapped) throw new UnauthorizedError('Token has been revoked', 'token_revoked');
  await revokeToken(claims.jti, claims.exp);
  // The Redis copy follows only if it still names the old token: a session revoked meanwhile (its copy
  // deleted) is not brought back; a missing copy is refilled from MongoDB by the next request.
  const redis = getRedis();
  await redis.eval(
    `if redis.call('HGET', KEYS[1], 'jti') ~= ARGV[1] then return 0 end
     redis.call('HSET', KEYS[1], 'jti', ARGV[2], 'lastSeenAt', ARGV[3], 'expiresAt', ARGV[4], 'ip', ARGV[5])
     redis.call('EXPIRE', KEYS[1], ARGV[6])
     return 1`,
    1,
    keys.session(claims.sid),
    claims.jti,
    issued.jti,
    now.toISOString(),
    issued.expiresAt.toISOString(),
    client.ip ?? '',
    String(TOKEN_TTL_SECONDS),
  );
  await redis.expire(keys.userSessions(claims.sub), TOKEN_TTL_SECONDS);
  await closeUserSockets(claims.sub, { jti: claims.jti });
  return issued;
}

/** Ends the session a token belongs to (logout). */
export async function endSession(claims: Pick<TokenClaims, 'sub' | 'sid' | 'jti' | 'exp'>): Promise<void> {
  await checked(
    getRedis()
      .multi()
      .set(keys.revoked(claims.jti), '1', 'EX', Math.max(1, claims.exp - Math.floor(Date.now() / 1000)))
      .del(keys.session(claims.sid))
      .srem(keys.userSessions(claims.sub), claims.sid),
  );
  await LoginSession.deleteOne({ _id: claims.sid, user: claims.sub });
  await closeUserSockets(claims.sub, { jti: claims.jti });
}

/** The user's live sessions, from MongoDB. */
async function readSessions(userId: string): Promise<SessionRecord[]> {
  if (!Types.ObjectId.isValid(userId)) return [];
  const docs = await LoginSession.find({ user: userId, expiresAt: trusted({ $gt: new Date() }) }).lean<
    LoginSessionDoc[]
  >();
  return docs.map(recordOf);
}

export async function listSessions(userId: string, currentSid?: string): Promise<SessionInfo[]> {
  const sessions = await readSessions(userId);
  return sessions
    .map((data) => ({
      id: data.sid,
      device: describeDevice(data.userAgent),
      userAgent: data.userAgent,
      ip: data.ip,
      createdAt: data.createdAt,
      lastSeenAt: data.lastSeenAt,
      expiresAt: data.expiresAt,
      current: data.sid === currentSid,
    }))
    .sort((a, b) => (a.lastSeenAt < b.lastSeenAt ? 1 : -1));
}

/** Ends sessions: their tokens denylisted and Redis copies dropped first, then the documents deleted. */
async function killSessions(userId: string, sessions: SessionRecord[]): Promise<void> {
  if (!sessions.length) return;
  const now = Math.floor(Date.now() / 1000);
  const multi = getRedis().multi();
  for (const { sid, jti, expiresAt } of sessions) {
    const tokenExp = Math.floor(Date.parse(expiresAt) / 1000) || now + TOKEN_TTL_SECONDS;
    if (jti) multi.set(keys.revoked(jti), '1', 'EX', Math.max(1, tokenExp - now));
    multi.del(keys.session(sid));
    multi.srem(keys.userSessions(userId), sid);
  }
  await checked(multi);
  await LoginSession.deleteMany({ _id: trusted({ $in: sessions.map((s) => s.sid) }), user: userId });
  await closeUserSockets(userId, { jti: sessions.flatMap((s) => (s.jti ? [s.jti] : [])) });
}

/** Revokes one of the user's sessions; another user's (or an unknown) id is a 404. */
export async function revokeSession(userId: string, sid: string): Promise<void> {
  const doc = Types.ObjectId.isValid(userId)
    ? await LoginSession.findOne({ _id: sid, user: userId }).lean<LoginSessionDoc>()
    : null;
  if (!doc) throw new NotFoundError('Session not found', 'session_not_found');
  await killSessions(userId, [recordOf(doc)]);
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
  /** The user's read-cache version (infra/read-version.ts) as read before any data of the request. */
  readVersion: string;
}

/**
 * Everything `requireAuth` checks: signature, expiry, denylist, session, tokenVersion, user exists and is
 * enabled. A token the checks refuse is a 401; Redis or MongoDB failing on the way is a dependency error
 * (503 in the error handler), never a 401 — a client that drops its token on 401 must not be logged out
 * by an outage.
 */
export async function authenticate(token: string): Promise<AuthenticatedUser> {
  const claims = verifyToken(token);
  const redis = getRedis();
  // One round trip: denylist, the session's Redis copy, the cached auth state and the read versions.
  const [revoked, cached, cachedState, versions] = (await checked(
    redis
      .pipeline()
      .exists(keys.revoked(claims.jti))
      .hmget(keys.session(claims.sid), 'userId', 'jti', 'lastSeenAt')
      .get(keys.authState(claims.sub))
      .mget(...readVersionKeys(claims.sub)),
  )) as [number, Array<string | null>, string | null, Array<string | null>];
  if (revoked) throw new UnauthorizedError('Token has been revoked', 'token_revoked');
  let [sessionUser, sessionJti, lastSeenAt] = cached ?? [];
  if (!sessionUser) {
    // No Redis copy (never cached, expired, revoked, or Redis lost its data): MongoDB decides, and a
    // live session is cached again.
    const doc = await LoginSession.findById(claims.sid).lean<LoginSessionDoc>();
    if (doc && doc.expiresAt.getTime() > Date.now()) {
      const rec = recordOf(doc);
      [sessionUser, sessionJti, lastSeenAt] = [rec.userId, rec.jti, rec.lastSeenAt];
      if (rec.userId === claims.sub && rec.jti === claims.jti) await cacheSession(rec);
    }
  }
  if (sessionUser !== claims.sub || sessionJti !== claims.jti) {
    throw new UnauthorizedError('Token has been revoked', 'token_revoked');
  }
  const state = cachedState ? (JSON.parse(cachedState) as AuthState) : await getAuthState(claims.sub);
  if (!state) throw new UnauthorizedError('Invalid token', 'invalid_token');
  if (state.disabled) throw new UnauthorizedError('Account disabled', 'account_disabled');
  if (state.tokenVersion !== claims.tv)
    throw new UnauthorizedError('Token has been revoked', 'token_revoked');

  if (!lastSeenAt || Date.now() - Date.parse(lastSeenAt) > LAST_SEEN_RESOLUTION_MS) {
    const now = new Date();
    // Only touch a session that still exists (a concurrent logout must not resurrect it).
    await Promise.all([
      redis.eval(
        `if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'lastSeenAt', ARGV[1]) end return 1`,
        1,
        keys.session(claims.sid),
        now.toISOString(),
      ),
      LoginSession.updateOne({ _id: claims.sid, jti: claims.jti }, { $set: { lastSeenAt: now } }),
    ]);
  }
  return {
    id: claims.sub,
    role: state.role,
    jti: claims.jti,
    sid: claims.sid,
    tokenVersion: claims.tv,
    email: state.email,
    exp: claims.exp,
    readVersion: readVersionOf(versions),
  };
}

/** Removes every token/session trace of a user from Redis (account deletion). */
export async function purgeUserAuth(userId: string): Promise<void> {
  await revokeAllSessions(userId);
  await getRedis().del(keys.userSessions(userId), keys.authState(userId));
  if (Types.ObjectId.isValid(userId)) await LoginSession.deleteMany({ user: userId });
}

/**
 * Runs a MULTI or pipeline and returns its replies, throwing the first per-command error: ioredis puts
 * command errors in the result slots instead of rejecting, and a failed read must not look like a
 * missing session (that would answer 401 during a Redis outage).
 */
async function checked(batch: ChainableCommander): Promise<unknown[]> {
  const results = await batch.exec();
  if (!results) throw new DependencyError('redis', 'Redis transaction was aborted');
  const failed = results.find(([err]) => err);
  if (failed?.[0]) throw failed[0];
  return results.map(([, value]) => value);
}
