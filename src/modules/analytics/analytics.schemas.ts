import { z } from 'zod';
import { objectId } from '../../http/schemas';
import { isValidTimeZone } from './days';

export const sessionParams = z.object({ sessionId: objectId });

/** `?tz=Europe/Paris`: the days of scoreTrend, activity and streakDays are that zone's (default UTC). */
export const userQuery = z
  .object({
    tz: z
      .string()
      .max(64)
      .refine(isValidTimeZone, { message: 'tz must be an IANA time zone such as Europe/Paris' })
      .default('UTC'),
  })
  .strict();

export const trendingQuery = z
  .object({
    limit: z.coerce
      .number({ error: 'limit must be a number between 1 and 50' })
      .int('limit must be a whole number')
      .min(1, 'limit must be between 1 and 50')
      .max(50, 'limit must be between 1 and 50')
      .default(10),
  })
  .strict();
