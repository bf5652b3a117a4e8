import { Router } from 'express';
import { config } from '../config';
import { mongoStatus, pingMongo } from '../infra/mongo';
import { pingRedis } from '../infra/redis';
import { queueHealth } from '../infra/queues';
import { registry } from '../infra/metrics';
import { UnauthorizedError } from '../lib/errors';

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

opsRouter.get('/ready', async (_req, res) => {
  const { mongoUp, redisUp, queues, queuesUp } = await dependencyReport();
  const ready = mongoUp && redisUp && queuesUp;
  res.status(ready ? 200 : 503).json({
    success: ready,
    status: ready ? 'ready' : 'not_ready',
    timestamp: new Date().toISOString(),
    dependencies: {
      mongodb: { status: mongoUp ? 'up' : 'down' },
      redis: { status: redisUp ? 'up' : 'down' },
      queues: { status: queuesUp ? 'up' : 'down', detail: queues },
    },
  });
});

// Optional bearer token so metrics can be kept private on a public host.
opsRouter.get('/metrics', async (req, res) => {
  if (config.metricsToken && req.get('authorization') !== `Bearer ${config.metricsToken}`) {
    throw new UnauthorizedError('Metrics token required');
  }
  res.set('Content-Type', registry.contentType);
  res.send(await registry.metrics());
});
