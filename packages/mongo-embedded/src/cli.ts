// Standalone entry point, mongod-compatible enough for mongodb-memory-server's MONGOMS_SYSTEM_BINARY:
// `--version`, `--port`, `--dbpath`, `--bind_ip`; unknown mongod flags are ignored; prints the
// "Waiting for connections" line when ready; SIGTERM/SIGINT flush data and exit 0.
import { startEmbeddedMongo } from './index';
import { SERVER_VERSION } from './commands/admin';

// mongod flags that take a value (so their value is not mistaken for another flag).
const VALUE_FLAGS = new Set([
  '--port',
  '--dbpath',
  '--bind_ip',
  '--storageEngine',
  '--replSet',
  '--logpath',
  '--keyFile',
  '--auth-mechanism',
  '--oplogSize',
  '--setParameter',
  '--wiredTigerCacheSizeGB',
  '--config',
  '-f',
  '--ttlInterval',
  '--pidfilepath',
]);

export function parseArgs(argv: string[]): {
  port: number;
  dbPath?: string;
  host: string;
  version: boolean;
  ttlIntervalMs?: number;
} {
  const out: { port: number; dbPath?: string; host: string; version: boolean; ttlIntervalMs?: number } = {
    port: 27017,
    host: '127.0.0.1',
    version: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const [flag, inline] = raw.includes('=')
      ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)]
      : [raw, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--version':
        out.version = true;
        break;
      case '--port':
        out.port = Number(value());
        break;
      case '--dbpath':
        out.dbPath = value();
        break;
      case '--bind_ip': {
        const ip = value().split(',')[0];
        out.host = ip === 'localhost' ? '127.0.0.1' : ip;
        break;
      }
      case '--ttlInterval':
        out.ttlIntervalMs = Number(value()) * 1000;
        break;
      case '--setParameter': {
        // mongod's TTL monitor period: --setParameter ttlMonitorSleepSecs=N
        const [k, v] = value().split('=');
        if (k === 'ttlMonitorSleepSecs' && Number(v) > 0) out.ttlIntervalMs = Number(v) * 1000;
        break;
      }
      default:
        if (VALUE_FLAGS.has(flag) && inline === undefined) i++;
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    process.stdout.write(
      `db version v${SERVER_VERSION}\nBuild Info: {"version": "${SERVER_VERSION}", "gitVersion": "embedded"}\n`,
    );
    return;
  }
  let stopping = false;
  const db = await startEmbeddedMongo({
    port: args.port,
    host: args.host,
    dbPath: args.dbPath,
    ttlIntervalMs: args.ttlIntervalMs,
  });
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await db.stop();
    process.exit(0);
  };
  db.server.setShutdownHandler(() => void stop());
  // Same shape as mongod's JSON log line; mongodb-memory-server waits for this text.
  process.stdout.write(
    JSON.stringify({
      t: { $date: new Date().toISOString() },
      s: 'I',
      c: 'NETWORK',
      id: 23016,
      ctx: 'listener',
      msg: 'Waiting for connections',
      attr: { port: db.port, ssl: 'off' },
    }) + '\n',
  );
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
