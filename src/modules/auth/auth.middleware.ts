import { documentGuard } from '../../http/route-spec';
import type { Request, RequestHandler } from 'express';
import { ForbiddenError, UnauthorizedError } from '../../lib/errors';
import { logContext } from '../../infra/logger';
import type { UserRole } from '../users/user.model';
import { authenticate, type AuthenticatedUser } from './token.service';

export const TOKEN_COOKIE = 'token';

const authByRequest = new WeakMap<Request, AuthenticatedUser>();

/** The token from the `token` cookie or an `Authorization: Bearer` header (cookie first). */
export function tokenFromRequest(req: Request): string | undefined {
  const cookie = (req.cookies as Record<string, unknown> | undefined)?.[TOKEN_COOKIE];
  if (typeof cookie === 'string' && cookie) return cookie;
  const header = req.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Rejects the request with 401 unless it carries a valid, unrevoked token of an existing, enabled user.
 * Sets `req.user` ({ id, role, jti, tokenVersion, email, exp }) and `req.token`.
 */
export const requireAuth: RequestHandler = documentGuard(
  async (req, _res, next) => {
    // Already authenticated earlier in this request (the read cache authenticates before routing).
    if (!authByRequest.has(req)) await authenticateRequest(req);
    next();
  },
  { auth: true },
);

/** Authenticates the request (throws 401 like `requireAuth`) and sets `req.user` and `req.token`. */
export async function authenticateRequest(req: Request): Promise<AuthenticatedUser> {
  const token = tokenFromRequest(req);
  if (!token) throw new UnauthorizedError('Authentication required', 'unauthenticated');
  const auth = await authenticate(token);
  authByRequest.set(req, auth);
  req.token = token;
  req.user = {
    id: auth.id,
    role: auth.role,
    jti: auth.jti,
    tokenVersion: auth.tokenVersion,
    email: auth.email,
    exp: auth.exp,
  };
  const ctx = logContext.getStore();
  if (ctx) ctx.userId = auth.id;
  return auth;
}

/** 403 unless the authenticated user has one of the roles. Mount after `requireAuth`. */
export function requireRole(...roles: UserRole[]): RequestHandler {
  return documentGuard(
    (req, _res, next) => {
      if (!req.user) throw new UnauthorizedError('Authentication required', 'unauthenticated');
      if (!roles.includes(req.user.role))
        throw new ForbiddenError('You do not have permission to do this', 'forbidden');
      next();
    },
    { roles },
  );
}

/** Full authentication details (including the login session id) of a request that passed `requireAuth`. */
export function authOf(req: Request): AuthenticatedUser {
  const auth = authByRequest.get(req);
  if (!auth) throw new UnauthorizedError('Authentication required', 'unauthenticated');
  return auth;
}
