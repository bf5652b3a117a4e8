// Public API of the embedded MongoDB-compatible server (used by `npm start` and the test harness).
import { EmbeddedMongoServer } from './server';

export interface EmbeddedMongoOptions {
  /** 0 or undefined: pick a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Persist data under this directory (memory only when omitted). */
  dbPath?: string;
  /** TTL monitor interval (mongod: 60 s). */
  ttlIntervalMs?: number;
  /** Idle cursor timeout (mongod: 10 min). */
  cursorTimeoutMs?: number;
  quiet?: boolean;
}

export interface EmbeddedMongo {
  /** mongodb://127.0.0.1:<port> (no database name). */
  uri: string;
  port: number;
  stop(): Promise<void>;
  /** The underlying server, for tests and tooling. */
  server: EmbeddedMongoServer;
}

export async function startEmbeddedMongo(opts: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const server = new EmbeddedMongoServer(opts);
  await server.start();
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1';
  let stopped: Promise<void> | null = null;
  return {
    uri: `mongodb://${host}:${server.port}`,
    port: server.port,
    server,
    stop: () => (stopped ??= server.stop()),
  };
}

export { EmbeddedMongoServer };
