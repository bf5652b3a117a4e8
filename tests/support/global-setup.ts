import { execFileSync } from 'node:child_process';
import { startRedisServer } from '../../src/embedded/redis';

/**
 * Starts (or takes) one database and one Redis for the whole run. Database, in order of preference:
 * MONGODB_URI when given (a real server: CI, `npm run test:external-db`); a real mongod through
 * mongodb-memory-server when one is available (MONGOMS_SYSTEM_BINARY or `mongod` on PATH); otherwise
 * the project's embedded server. Test files get their own database name (derived from the URI, options
 * kept: tests/support/mongo-uri.ts) and Redis prefix (tests/support/env.ts).
 */
type Stoppable = { stop(): Promise<unknown> };
const handles: Stoppable[] = [];
(globalThis as { __TEST_HANDLES__?: Stoppable[] }).__TEST_HANDLES__ = handles;

function mongodOnPath(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v mongod'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function startDatabase(): Promise<{ uri: string; kind: string }> {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, kind: 'MONGODB_URI' };
  const systemBinary = process.env.MONGOMS_SYSTEM_BINARY ?? mongodOnPath();
  if (systemBinary) {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const server = await MongoMemoryServer.create({ binary: { systemBinary } });
    handles.push({ stop: () => server.stop() });
    return { uri: server.getUri(), kind: `mongodb-memory-server (${systemBinary})` };
  }
  const { startEmbeddedMongo } = await import('@intervai/mongo-embedded');
  const embedded = await startEmbeddedMongo({ port: 0, quiet: true });
  handles.push(embedded);
  return { uri: embedded.uri, kind: 'embedded MongoDB-compatible server' };
}

/**
 * Redis: TEST_REDIS_URL when given (a server set aside for tests, e.g. the CI service container);
 * otherwise a private redis-server child. Either way each test file works under its own key and Bull
 * prefix and deletes only its own keys: nothing is ever flushed.
 */
async function startRedis(): Promise<{ url: string; kind: string }> {
  if (process.env.TEST_REDIS_URL) return { url: process.env.TEST_REDIS_URL, kind: 'TEST_REDIS_URL' };
  const redis = await startRedisServer();
  handles.push(redis);
  return { url: redis.url, kind: 'redis-server' };
}

const hidePassword = (uri: string) => uri.replace(/\/\/[^@/]*@/, '//***@');

export default async function globalSetup(): Promise<void> {
  const [db, redis] = await Promise.all([startDatabase(), startRedis()]);
  process.env.TEST_MONGODB_BASE_URI = db.uri;
  process.env.TEST_REDIS_URL = redis.url;
  console.log(
    `\n[tests] database: ${db.kind} at ${hidePassword(db.uri)}; redis: ${redis.kind} at ${hidePassword(redis.url)}`,
  );
}
