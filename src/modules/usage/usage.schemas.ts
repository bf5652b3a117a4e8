import { z } from 'zod';
import { defineRoute, envelope } from '../../http/route-spec';

/** HTTP contract of GET /api/v1/user/usage. */
const usageSchema = z
  .strictObject({
    used: z.number().int().openapi({ description: 'AI requests that reached the model today (UTC)' }),
    limit: z.number().int().nullable().openapi({ description: 'Daily quota; null for admins (exempt)' }),
    remaining: z.number().int().nullable(),
    resetsAt: z.string().openapi({ format: 'date-time', description: 'Next UTC midnight' }),
    exempt: z.literal(true).optional(),
  })
  .openapi('AiUsage');

export const usageRoute = defineRoute({
  summary: "Today's AI quota: used and left",
  responses: { 200: { description: 'The AI usage of the current user', schema: envelope(usageSchema) } },
});
