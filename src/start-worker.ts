import http from 'node:http';
import { config } from './config';
import { logger } from './infra/logger';
import { registry } from './infra/metrics';
import { connectMongo, disconnectMongo } from './infra/mongo';
import { dependencyReport } from './infra/health';
import { drainQueues, registerProcessor } from './infra/queues';
import { startReconciler } from './infra/reconciler';
import { closeRedis } from './infra/redis';
import { closeMailer } from './infra/mailer';
import { onShutdown } from './infra/shutdown';
import { jobRecordKinds, processors } from './jobs';
import { wireFeatures } from './wiring';
import { refreshSearchTokens } from './modules/questions/search-backfill';

/** Registers every Bull processor (used by the worker process and by tests running real processors). */
export function registerAllProcessors(concurrency = config.worker.concurrency): void {
  for (const def of processors) registerProcessor(def, concurrency);
}

/** A tiny HTTP server on the worker for its health check and Prometheus scrape. */
function startWorkerOpsServer(port: number): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    if (req.url === '/metrics') {
      res.setHeader('Content-Type', registry.contentType);
      res.end(await registry.metrics());
      return;
    }
    // Same split as the api: /health is liveness (always 200, state in the body), /ready is readiness.
    if (req.url === '/health' || req.url === '/ready') {
      const { mongoUp, redisUp, queuesUp, ready } = await dependencyReport();
      res.statusCode = req.url === '/ready' && !ready ? 503 : 200;
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          status: ready ? 'OK' : 'DEGRADED',
          mongo: mongoUp,
          redis: redisUp,
          queues: queuesUp,
          processors: processors.length,
        }),
      );
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}

export async function startWorker(opts: { opsPort?: number | false } = {}): Promise<void> {
  // Connect before registering processors, so no job runs against a missing database.
  await connectMongo(config.mongo.uri ?? 'mongodb://127.0.0.1:27017/intervai');
  wireFeatures();
  registerAllProcessors();
  // Questions stored under an older search-token scheme become findable like new ones (background).
  void refreshSearchTokens().catch((err: Error) =>
    logger.warn('search token refresh failed', { error: err.message }),
  );
  const opsPort = opts.opsPort ?? config.workerMetricsPort;
  if (opsPort !== false) {
    const ops = await startWorkerOpsServer(opsPort);
    onShutdown('worker ops server', 10, () => new Promise<void>((resolve) => ops.close(() => resolve())));
  }
  const stopReconciler = startReconciler(jobRecordKinds);
  onShutdown('job reconciler', 10, stopReconciler);
  // Phase 20: take no new jobs, let active ones finish (up to the AI timeout plus a margin), hand back
  // the rest, close. The step's own deadline leaves room for the hand-back.
  const drainMs = config.reliability.workerDrainTimeoutMs;
  onShutdown('queues', 20, () => drainQueues(drainMs), { timeoutMs: drainMs + 5000 });
  onShutdown('redis', 30, closeRedis);
  onShutdown('mongo', 40, disconnectMongo);
  onShutdown('mailer', 40, closeMailer);
  logger.info(
    `worker running ${processors.length} processors (concurrency ${config.worker.concurrency}, Bull prefix ${config.redis.bullPrefix})`,
  );
}
