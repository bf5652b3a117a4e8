import { z } from 'zod';
import { defineRoute } from './route-spec';

/** HTTP contract of the operational endpoints (src/http/ops.routes.ts): not under the success envelope. */

const timestamp = z.string().openapi({ format: 'date-time' });
const upDown = z.enum(['up', 'down']);

export const infoRoute = defineRoute({
  summary: 'API info and where everything is',
  responses: {
    200: {
      description: 'API info',
      schema: z
        .object({
          success: z.literal(true),
          message: z.literal('Interview Prep API'),
          version: z.string(),
          status: z.literal('Running'),
          timestamp,
          endpoints: z.record(z.string(), z.string()),
        })
        .openapi('ApiInfo'),
    },
  },
});

export const healthRoute = defineRoute({
  summary: 'Liveness: 200 while the process can serve',
  description:
    'Dependency state is reported in the body only: `status` is `DEGRADED` while MongoDB, Redis or the ' +
    'queues are down. Use `GET /ready` to route traffic.',
  responses: {
    200: {
      description: 'The process is alive',
      schema: z
        .object({
          success: z.literal(true),
          status: z.enum(['OK', 'DEGRADED']),
          uptime: z.number().int().openapi({ description: 'Seconds since the process started' }),
          timestamp,
          environment: z.string(),
          database: z.object({
            status: z.string().openapi({ description: '`connected`, `unresponsive`, or the driver state' }),
            connected: z.boolean(),
          }),
          redis: z.object({ status: z.enum(['connected', 'disconnected']), connected: z.boolean() }),
          queues: z.object({ status: upDown }),
        })
        .openapi('Health'),
    },
  },
});

const readySchema = z
  .object({
    success: z.boolean(),
    status: z.enum(['ready', 'not_ready']),
    timestamp,
    dependencies: z
      .object({
        mongodb: z.object({ status: upDown }),
        redis: z.object({ status: upDown }),
        queues: z.object({
          status: upDown,
          detail: z.record(
            z.string(),
            z.object({
              status: upDown,
              waiting: z.number().int().optional(),
              active: z.number().int().optional(),
              failed: z.number().int().optional(),
            }),
          ),
        }),
      })
      .optional()
      .openapi({ description: 'Only for operators (`Authorization: Bearer <METRICS_TOKEN>`)' }),
  })
  .openapi('Readiness');

export const readyRoute = defineRoute({
  summary: 'Readiness: 503 while MongoDB, Redis or the queues are down',
  description:
    'Anonymous callers (load balancers) get the status only; operators presenting ' +
    '`Authorization: Bearer <METRICS_TOKEN>` also get `dependencies`.',
  responses: {
    200: { description: 'Ready to serve', schema: readySchema },
    503: { description: 'Not ready: a dependency is down', schema: readySchema },
  },
});

export const metricsRoute = defineRoute({
  summary: 'Prometheus metrics',
  description:
    'Operators present `Authorization: Bearer <METRICS_TOKEN>`. Without METRICS_TOKEN set, development ' +
    'and test runs serve everyone and production serves no one.',
  responses: {
    200: {
      description: 'Prometheus text exposition format',
      contentType: 'text/plain',
      schema: z.string(),
    },
  },
  errors: ['metrics_token_required'],
});
