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
