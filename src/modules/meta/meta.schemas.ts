import { z } from 'zod';
import { defineRoute, envelope } from '../../http/route-spec';

/** HTTP contract of GET /api/v1/meta/options. */
const metaOptionsSchema = z
  .strictObject({
    roles: z
      .array(z.string())
      .openapi({ description: 'Suggested roles (role is free text, 2..100 characters)' }),
    experienceLevels: z.array(z.string()),
    statuses: z.array(z.string()),
    difficulties: z.array(z.string()),
    exportFormats: z.array(z.string()),
    topics: z.array(z.string()).openapi({ description: 'Topics the offline question bank covers' }),
  })
  .openapi('MetaOptions');

export const optionsRoute = defineRoute({
  summary: 'Choices a frontend needs to build its forms',
  description: 'Public and the same for everyone (`Cache-Control: public, max-age=300`).',
  responses: { 200: { description: 'The options', schema: envelope(metaOptionsSchema) } },
});
