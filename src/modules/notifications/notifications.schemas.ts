import { z } from 'zod';
import { defineRoute, envelope } from '../../http/route-spec';

/** At most this many notifications are kept per user (the newest). */
export const MAX_NOTIFICATIONS = 100;

export const listNotificationsQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(MAX_NOTIFICATIONS).default(20) })
  .strict();

export const markReadBody = z
  .object({
    notificationIds: z
      .array(z.string().min(1).max(100))
      .min(1, 'notificationIds array is required')
      .max(MAX_NOTIFICATIONS)
      .optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((v) => v.all || v.notificationIds, {
    message: 'notificationIds array is required (or all: true)',
    path: ['notificationIds'],
  });

// ---- HTTP contract: response shapes and one spec per route line (validated and documented) ----

/** A job notification, as listed and as sent on the socket event `notification` (the old shape). */
export const notificationSchema = z
  .object({
    id: z.string().openapi({ example: 'notif_1733150000000_a1b2c3d4e5f6' }),
    type: z.enum(['job_complete', 'job_failed']),
    jobType: z.string().openapi({ example: 'question-generation' }),
    jobId: z.string(),
    result: z.unknown().optional().openapi({ description: "job_complete: the job's result" }),
    error: z.string().optional().openapi({ description: 'job_failed: why the job failed' }),
    message: z.string(),
    timestamp: z.number().int().openapi({ description: 'Milliseconds since the epoch' }),
    read: z.boolean(),
  })
  .openapi('Notification');

export const listNotificationsRoute = defineRoute({
  summary: "The user's notifications, newest first",
  description: `At most ${MAX_NOTIFICATIONS} are kept per user; \`data.unreadCount\` counts all of them.`,
  query: listNotificationsQuery,
  responses: {
    200: {
      description: 'The notifications and the unread count',
      schema: envelope(
        z.object({ notifications: z.array(notificationSchema), unreadCount: z.number().int() }),
        { count: z.number().int() },
      ),
    },
  },
});

export const markReadRoute = defineRoute({
  summary: 'Mark notifications as read (the given ids, or all)',
  body: markReadBody,
  example: { notificationIds: ['notif_1733150000000_a1b2c3d4e5f6'] },
  responses: {
    200: {
      description: 'How many were marked (ids not in the history are ignored)',
      schema: envelope(z.object({ marked: z.number().int() })),
    },
  },
});

export const clearNotificationsRoute = defineRoute({
  summary: "Remove all of the user's notifications",
  responses: { 200: { description: 'Cleared', schema: envelope() } },
});
