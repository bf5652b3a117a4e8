import http from 'node:http';
import { config } from './config';
import { logger } from './infra/logger';
import { registry } from './infra/metrics';
import { connectMongo, disconnectMongo, pingMongo } from './infra/mongo';
import { drainQueues, registerProcessor } from './infra/queues';
import { startReconciler } from './infra/reconciler';
import { closeRedis, pingRedis } from './infra/redis';
import { closeMailer } from './infra/mailer';
import { installSignalHandlers, onShutdown } from './infra/shutdown';
import { jobRecordKinds, processors } from './jobs';
import { runEntryPoint } from './entry';

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
    if (req.url === '/health') {
      const [mongo, redis] = await Promise.all([pingMongo(), pingRedis()]);
      res.statusCode = mongo && redis ? 200 : 503;
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          status: mongo && redis ? 'OK' : 'DEGRADED',
          mongo,
          redis,
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
  registerAllProcessors();
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
  logger.info(`worker running ${processors.length} processors (concurrency ${config.worker.concurrency})`);
}

if (require.main === module) {
  runEntryPoint('worker', async () => {
    installSignalHandlers(config.shutdownTimeoutMs);
    await startWorker();
  });
}
