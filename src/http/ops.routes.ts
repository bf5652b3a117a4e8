import { timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import { config } from '../config';
import { dependencyReport } from '../infra/health';
import { mongoStatus } from '../infra/mongo';
import { registry } from '../infra/metrics';
import { UnauthorizedError } from '../lib/errors';
import { validate } from './route-spec';
import { healthRoute, infoRoute, metricsRoute, readyRoute } from './ops.schemas';

const VERSION = '2.0.0';
const startedAt = Date.now();

/** Operational endpoints: API info, liveness/health, readiness, Prometheus metrics. */
export const opsRouter = Router();

opsRouter.get('/', validate(infoRoute), (_req, res) => {
  res.json({
    success: true,
    message: 'Interview Prep API',
    version: VERSION,
    status: 'Running',
    timestamp: new Date().toISOString(),
    endpoints: {
      health: '/health',
      ready: '/ready',
      metrics: '/metrics',
      // Listed only where they are served (API_DOCS).
      ...(config.apiDocs ? { docs: '/api-docs', openapi: '/openapi.json' } : {}),
      users: '/api/v1/user',
      sessions: '/api/v1/session',
      questions: '/api/v1/question',
      exports: '/api/v1/export',
      queue: '/api/v1/queue',
      analytics: '/api/v1/analytics',
      notifications: '/api/v1/notifications',
      bulk: '/api/v1/bulk',
      templates: '/api/v1/templates',
      admin: '/api/v1/admin',
    },
  });
});

// Liveness: 200 while this process can answer, whatever its dependencies do (an orchestrator restarting
// healthy processes during a Redis outage would only make it worse). Dependency state is in the body,
// in the old shape (status OK/DEGRADED, database{status,connected}) plus redis and queues.
opsRouter.get('/health', validate(healthRoute), async (_req, res) => {
  const { mongoUp, redisUp, queuesUp, ready } = await dependencyReport();
  const db = mongoStatus();
  res.status(200).json({
    success: true,
    status: ready ? 'OK' : 'DEGRADED',
    uptime: Math.floor((Date.now() - startedAt) / 1000),
    timestamp: new Date().toISOString(),
    environment: config.env,
    database: {
      status: mongoUp ? 'connected' : db.status === 'connected' ? 'unresponsive' : db.status,
      connected: mongoUp,
    },
    redis: { status: redisUp ? 'connected' : 'disconnected', connected: redisUp },
    queues: { status: queuesUp ? 'up' : 'down' },
  });
});

/**
 * Operators present the metrics token (`Authorization: Bearer <METRICS_TOKEN>`). Without a token
 * configured, development and test runs treat every caller as an operator; production treats none.
 */
function isOperator(req: Request): boolean {
  if (!config.metricsToken) return !config.isProduction;
  const given = Buffer.from(req.get('authorization') ?? '');
  const expected = Buffer.from(`Bearer ${config.metricsToken}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// Readiness: 503 while MongoDB, Redis or the queues are down, so a load balancer routes around this
// instance; 200 again as soon as they answer (clients reconnect by themselves, no restart).
opsRouter.get('/ready', validate(readyRoute), async (req, res) => {
  const { mongoUp, redisUp, queues, queuesUp, ready } = await dependencyReport();
  const status = {
    success: ready,
    status: ready ? 'ready' : 'not_ready',
    timestamp: new Date().toISOString(),
  };
  // Anonymous callers (load balancers) need only the status; queue detail is for operators.
  if (!isOperator(req)) return void res.status(ready ? 200 : 503).json(status);
  res.status(ready ? 200 : 503).json({
    ...status,
    dependencies: {
      mongodb: { status: mongoUp ? 'up' : 'down' },
      redis: { status: redisUp ? 'up' : 'down' },
      queues: { status: queuesUp ? 'up' : 'down', detail: queues },
    },
  });
});

// Production always needs the token (no METRICS_TOKEN set: metrics are not served); elsewhere it is optional.
opsRouter.get('/metrics', validate(metricsRoute), async (req, res) => {
  if (!isOperator(req)) throw new UnauthorizedError('Metrics token required', 'metrics_token_required');
  res.set('Content-Type', registry.contentType);
  res.send(await registry.metrics());
});
