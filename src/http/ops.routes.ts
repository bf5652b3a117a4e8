import { timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import { config } from '../config';
import { mongoStatus, pingMongo } from '../infra/mongo';
import { pingRedis } from '../infra/redis';
import { queueHealth } from '../infra/queues';
import { registry } from '../infra/metrics';
import { UnauthorizedError } from './errors';

const VERSION = '2.0.0';
const startedAt = Date.now();

/** Operational endpoints: API info, liveness/health, readiness, Prometheus metrics. */
export const opsRouter = Router();

opsRouter.get('/', (_req, res) => {
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
      docs: '/api-docs',
      openapi: '/openapi.json',
      users: '/api/v1/user',
      sessions: '/api/v1/session',
      questions: '/api/v1/question',
      exports: '/api/v1/export',
      queue: '/api/v1/queue',
      analytics: '/api/v1/analytics',
      notifications: '/api/v1/notifications',
      bulk: '/api/v1/bulk',
    },
  });
});

async function dependencyReport() {
  const [mongoUp, redisUp] = await Promise.all([pingMongo(), pingRedis()]);
  const queues = redisUp ? await queueHealth() : {};
  const queuesUp = redisUp && Object.values(queues).every((q) => q.status === 'up');
  return { mongoUp, redisUp, queues, queuesUp };
}

// Health keeps the old shape (status OK/DEGRADED, database{status,connected}) and adds redis and queues.
opsRouter.get('/health', async (_req, res) => {
  const { mongoUp, redisUp, queuesUp } = await dependencyReport();
  const healthy = mongoUp && redisUp && queuesUp;
  const db = mongoStatus();
  res.status(healthy ? 200 : 503).json({
    success: healthy,
    status: healthy ? 'OK' : 'DEGRADED',
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

opsRouter.get('/ready', async (req, res) => {
  const { mongoUp, redisUp, queues, queuesUp } = await dependencyReport();
  const ready = mongoUp && redisUp && queuesUp;
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
opsRouter.get('/metrics', async (req, res) => {
  if (!isOperator(req)) throw new UnauthorizedError('Metrics token required', 'metrics_token_required');
  res.set('Content-Type', registry.contentType);
  res.send(await registry.metrics());
});
