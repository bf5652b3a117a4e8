import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** Finds a free TCP port on 127.0.0.1 by binding port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True when something answers PING with +PONG at host:port within the timeout. */
export function redisAnswers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (buf) => done(buf.toString().startsWith('+PONG')));
  });
}

export interface RedisServerHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts a private `redis-server` child on a free port (no persistence, loopback only).
 * Tests use it so they never touch a Redis server they did not start.
 */
export async function startRedisServer(
  opts: { port?: number; binary?: string } = {},
): Promise<RedisServerHandle> {
  const port = opts.port || (await freePort());
  const binary = opts.binary ?? process.env.REDIS_SERVER_BIN ?? 'redis-server';
  const child: ChildProcess = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new Error(
              'redis-server was not found. Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to an existing Redis.',
            )
          : err,
      ),
    ),
  );
  const deadline = Date.now() + 10_000;
  const ready = (async () => {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
      if (await redisAnswers('127.0.0.1', port, 300)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start within 10 s');
  })();
  await Promise.race([ready, spawnError]);
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
