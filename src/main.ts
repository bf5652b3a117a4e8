/**
 * Zero-setup local run (`npm start`): api and worker in one process, with embedded defaults.
 * - MONGODB_URI unset → the embedded MongoDB-compatible server, data under DATA_DIR/mongo
 * - REDIS_URL unset → 127.0.0.1:6379 if it answers, else a private redis-server child on a free port
 * - no GROQ_API_KEY → the offline question bank; no SMTP → mail written to DATA_DIR/outbox as .eml
 * Configuration is imported only after these are decided, because `config` reads the environment once.
 */
import path from 'node:path';
import fs from 'node:fs';
import { redisAnswers, startRedisServer } from './embedded/redis';

async function main(): Promise<void> {
  try {
    await import('dotenv').then((d) => d.config({ quiet: true }));
  } catch {
    /* dotenv is optional */
  }
  process.env.NODE_ENV ??= 'development';
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  fs.mkdirSync(dataDir, { recursive: true });
  const embedded: string[] = [];
  const stops: Array<() => Promise<void>> = [];

  if (!process.env.MONGODB_URI && !process.env.MONGO_URI) {
    const { startEmbeddedMongo } = await import('@intervai/mongo-embedded');
    const mongo = await startEmbeddedMongo({ port: 0, dbPath: path.join(dataDir, 'mongo'), quiet: true });
    process.env.MONGODB_URI = `${mongo.uri}/intervai`;
    // The embedded server's port changes per start; its data directory is what identifies the database.
    process.env.DB_IDENTITY ??= `embedded:${path.join(dataDir, 'mongo')}/intervai`;
    stops.push(() => mongo.stop());
    embedded.push(`MongoDB: embedded server at ${mongo.uri} (data in ${path.join(dataDir, 'mongo')})`);
  }
  if (!process.env.REDIS_URL && !process.env.REDIS_HOST) {
    if (await redisAnswers('127.0.0.1', 6379)) {
      process.env.REDIS_URL = 'redis://127.0.0.1:6379';
      embedded.push('Redis: existing server at 127.0.0.1:6379');
    } else {
      const redis = await startRedisServer();
      process.env.REDIS_URL = redis.url;
      stops.push(() => redis.stop());
      embedded.push(`Redis: private redis-server child at ${redis.url}`);
    }
  }

  const { config } = await import('./config');
  const { onShutdown, installSignalHandlers } = await import('./infra/shutdown');
  for (const stop of stops) onShutdown('embedded service', 50, stop);
  installSignalHandlers(config.shutdownTimeoutMs, (code) => process.exit(code));

  const { startApi } = await import('./start-api');
  const { startWorker } = await import('./start-worker');
  const { url } = await startApi();
  await startWorker({ opsPort: false });

  if (config.ai.provider === 'offline')
    embedded.push('AI: offline question bank (set GROQ_API_KEY for Groq)');
  if (!config.mail.smtpUrl) embedded.push(`Mail: written to ${config.mail.outboxDir} (set SMTP_URL to send)`);
  for (const d of config.defaultsUsed) embedded.push(`Default used: ${d}`);
  embedded.push(`Redis key prefix: ${config.redis.prefix}   Bull prefix: ${config.redis.bullPrefix}`);
  const lines = [
    `IntervAI is running (${config.env})`,
    `  API:     ${url}`,
    `  Docs:    ${config.apiDocs ? `${url}/api-docs` : 'off (set API_DOCS=true to serve /api-docs)'}`,
    `  Health:  ${url}/health   Metrics: ${url}/metrics`,
    ...embedded.map((e) => `  ${e}`),
    '  Press Ctrl-C to stop.',
  ];
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((err: Error) => {
  console.error(`\nIntervAI failed to start: ${err.message}\n`);
  process.exit(1);
});
