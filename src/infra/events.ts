import { channel, getPublisher } from './redis';
import { logger } from './logger';

/**
 * Events for a user's live clients, published on one Redis channel by whichever process produced them
 * (usually the worker). Every api instance subscribes and relays them to the socket.io room `user:<id>`.
 */
export const USER_EVENTS_CHANNEL = 'events:user';

export type UserEventName = 'notification' | 'job:progress' | 'question:generated';

export interface UserEvent {
  userId: string;
  event: UserEventName;
  payload: unknown;
}

export async function publishUserEvent(
  userId: string,
  event: UserEventName,
  payload: unknown,
): Promise<void> {
  try {
    await getPublisher().publish(channel(USER_EVENTS_CHANNEL), JSON.stringify({ userId, event, payload }));
  } catch (err) {
    // Live delivery is best effort: history (notifications list, job records) is the source of truth.
    logger.warn('could not publish user event', { event, error: (err as Error).message });
  }
}

/**
 * Token revocations for live sockets: every api instance closes its own sockets of the user that match
 * (see realtime.ts). Published on a channel of its own so job events never delay a revocation.
 */
export const REVOCATION_CHANNEL = 'events:revocation';

export interface SocketRevocation {
  userId: string;
  /** Close only sockets opened with one of these token ids (logout, refresh, one session revoked). */
  jtis?: string[];
  /** Close only sockets whose token carries an older tokenVersion (password change or reset). */
  tokenVersionBelow?: number;
}

/**
 * Closes a user's sockets on every api instance: all of them (account disabled or deleted), or only
 * those of the given token ids / older token versions. Call it wherever a token stops being valid.
 *
 *   await closeUserSockets(userId);                          // every socket of the user
 *   await closeUserSockets(userId, { jti });                 // one login's sockets
 *   await closeUserSockets(userId, { tokenVersionBelow: 3 }); // tokens from before a password change
 */
export async function closeUserSockets(
  userId: string,
  opts: { jti?: string | string[]; tokenVersionBelow?: number } = {},
): Promise<void> {
  const revocation: SocketRevocation = { userId };
  if (opts.jti !== undefined) revocation.jtis = Array.isArray(opts.jti) ? opts.jti : [opts.jti];
  if (revocation.jtis && !revocation.jtis.length) return;
  if (opts.tokenVersionBelow !== undefined) revocation.tokenVersionBelow = opts.tokenVersionBelow;
  try {
    await getPublisher().publish(channel(REVOCATION_CHANNEL), JSON.stringify(revocation));
  } catch (err) {
    // The token itself is already refused everywhere; a socket that stays open is logged loudly.
    logger.error('could not publish a socket revocation', { userId, error: (err as Error).message });
  }
}
