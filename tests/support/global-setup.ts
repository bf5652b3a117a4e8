import { execFileSync } from 'node:child_process';
import { startRedisServer } from '../../src/embedded/redis';

/**
 * Starts one database and one redis-server for the whole run. Database, in order of preference:
 * MONGODB_URI when given; a real mongod through mongodb-memory-server when one is available
 * (MONGOMS_SYSTEM_BINARY or `mongod` on PATH); otherwise the project's embedded server.
 * Test files get their own database name and Redis prefix (tests/support/env.ts).
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

export default async function globalSetup(): Promise<void> {
  const [db, redis] = await Promise.all([startDatabase(), startRedisServer()]);
  handles.push(redis);
  process.env.TEST_MONGODB_BASE_URI = db.uri;
  process.env.TEST_REDIS_URL = redis.url;
  console.log(
    `\n[tests] database: ${db.kind} at ${db.uri.replace(/\/\/[^@]*@/, '//***@')}; redis-server at ${redis.url}`,
  );
}
