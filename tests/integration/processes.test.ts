import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { freePort } from '../../src/embedded/redis';
import { waitFor } from '../support/wait';

/**
 * The entry points as real processes: the zero-setup local run (`npm start` → src/main.ts, here with the
 * embedded database) and the standalone worker. Each must serve its health endpoint and exit cleanly on SIGTERM.
 */
const ROOT = path.resolve(__dirname, '../..');

function launch(
  script: string,
  env: Record<string, string | undefined>,
): { child: ChildProcess; output: () => string } {
  let out = '';
  const cleanEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete cleanEnv[k];
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: cleanEnv });
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return { child, output: () => out };
}

/** Waits for `probe` to return a value; on timeout the error carries the process output. */
async function waitUntil<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  ms: number,
  what: string,
  log: () => string,
): Promise<T> {
  try {
    return await waitFor(probe, { timeout: ms, interval: 100, message: what });
  } catch (err) {
    throw new Error(`${(err as Error).message}; output:\n${log()}`);
  }
}

function exitWithin(child: ChildProcess, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => reject(new Error('process did not exit in time')), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('processes', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intervai-proc-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('npm start (src/main.ts) boots api + worker on the embedded database and stops on SIGTERM', async () => {
    const { child, output } = launch('src/main.ts', {
      NODE_ENV: 'development',
      PORT: '0',
      MONGODB_URI: undefined,
      REDIS_URL: process.env.REDIS_URL,
      DATA_DIR: dataDir,
      REDIS_PREFIX: undefined,
      BULL_PREFIX: undefined,
      LOG_LEVEL: 'warn',
      JEST_WORKER_ID: undefined,
    });
    try {
      const url = await waitUntil(
        () => /API:\s+(http:\/\/\S+)/.exec(output())?.[1],
        60_000,
        'banner',
        output,
      );
      expect(output()).toContain('embedded server');
      expect(output()).toContain('offline question bank');
      // No REDIS_PREFIX/BULL_PREFIX set: both derived from the embedded database (its data directory).
      expect(output()).toMatch(/Redis key prefix: intervai:[0-9a-f]{8}:\s+Bull prefix: bull:[0-9a-f]{8}/);
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'OK', database: { connected: true } });
      const started = Date.now();
      child.kill('SIGTERM');
      expect(await exitWithin(child, 10_000)).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(fs.existsSync(path.join(dataDir, 'mongo'))).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);

  it('the standalone worker serves /health on its ops port and stops on SIGTERM', async () => {
    const port = await freePort();
    const { child, output } = launch('src/worker.ts', {
      NODE_ENV: 'development',
      WORKER_METRICS_PORT: String(port),
      LOG_LEVEL: 'warn',
      JEST_WORKER_ID: undefined,
    });
    try {
      const res = await waitUntil(
        async () => {
          try {
            const r = await fetch(`http://127.0.0.1:${port}/health`);
            return r.status === 200 ? r : undefined;
          } catch {
            return undefined;
          }
        },
        60_000,
        'worker health',
        output,
      );
      expect(await res.json()).toMatchObject({ status: 'OK', mongo: true, redis: true });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('process_cpu_user_seconds_total');
      child.kill('SIGTERM');
      expect(await exitWithin(child, 10_000)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);

  it('a production start with a weak JWT_SECRET refuses with one clear line', async () => {
    const { child, output } = launch('src/server.ts', {
      NODE_ENV: 'production',
      JWT_SECRET: 'short',
      JEST_WORKER_ID: undefined,
    });
    expect(await exitWithin(child, 30_000)).toBe(1);
    expect(output()).toContain('JWT_SECRET is too weak');
    expect(output()).not.toMatch(/\n\s+at /);
  }, 40_000);
});
