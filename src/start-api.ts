import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { config } from './config';
import { createApp } from './http/app';
import { logger } from './infra/logger';
import { connectMongo, disconnectMongo } from './infra/mongo';
import { closeQueues } from './infra/queues';
import { closeRedis } from './infra/redis';
import { closeMailer } from './infra/mailer';
import { onShutdown } from './infra/shutdown';
import { attachRealtime } from './infra/realtime';
import { authenticate } from './modules/auth/token.service';

/** The api process: HTTP (and realtime) only; slow work is enqueued for the worker. */
export async function startApi(port = config.port) {
  await connectMongo(config.mongo.uri ?? 'mongodb://127.0.0.1:27017/intervai');
  const app = createApp();
  const server = http.createServer(app);
  // Keep-alive sockets must not hold the process open at shutdown.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  const realtime = attachRealtime(server, authenticate);
  const { port: boundPort } = server.address() as AddressInfo;
  const url = `http://localhost:${boundPort}`;

  onShutdown('realtime', 10, () => realtime.close());
  onShutdown(
    'http server',
    10,
    () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  onShutdown('queues', 20, () => closeQueues(false));
  onShutdown('redis', 30, closeRedis);
  onShutdown('mongo', 40, disconnectMongo);
  onShutdown('mailer', 40, closeMailer);
  logger.info(
    `api listening on ${url} (Redis key prefix ${config.redis.prefix}, Bull prefix ${config.redis.bullPrefix})`,
  );
  return { server, url, realtime };
}
