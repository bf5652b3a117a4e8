import { spawn } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import type { TestApp } from '../support/app';

/**
 * Items 11 and 12 in production mode: the api refuses to boot on a weak JWT_SECRET (one line naming
 * it), and operator data (metrics, readiness detail) is not public even when METRICS_TOKEN is unset.
 */
const ROOT = path.resolve(__dirname, '../..');
const DEV_SECRET = 'intervai-development-secret-not-for-production-use-0001';

let t: TestApp;
beforeAll(async () => {
  Object.assign(process.env, { NODE_ENV: 'production', BCRYPT_ROUNDS: '10' });
  delete process.env.METRICS_TOKEN;
  const { bootApp } = await import('../support/app');
  t = await bootApp();
});
afterAll(async () => {
  await t?.close();
});

/** Starts the api entry point with this environment; resolves with its exit code and output. */
function bootApi(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, JEST_WORKER_ID: '', PORT: '0', ...env },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`api did not exit; output:\n${output}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('item 11: weak secrets refuse a production start', () => {
  it.each([
    ['the public development secret', DEV_SECRET, /development secret/],
    ['40 × "a"', 'a'.repeat(40), /too weak/],
    ['a repeated pattern', 'abcd1234'.repeat(5), /too weak/],
  ])('%s: exit 1 with one line naming JWT_SECRET', async (_label, secret, reason) => {
    const { code, output } = await bootApi({ NODE_ENV: 'production', JWT_SECRET: secret });
    expect(code).toBe(1);
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^api failed to start: JWT_SECRET /);
    expect(lines[0]).toMatch(reason);
  });
});

describe('item 12: production keeps operator data private without a METRICS_TOKEN', () => {
  it('GET /metrics needs the token (none configured: nobody gets them)', async () => {
    const res = await request(t.app).get('/metrics');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ success: false, code: 'metrics_token_required' });
    expect(res.text).not.toContain('http_request_duration');
    expect((await request(t.app).get('/metrics').set('Authorization', 'Bearer ')).status).toBe(401);
  });

  it('GET /ready tells anonymous callers only the status', async () => {
    const res = await request(t.app).get('/ready').expect(200);
    expect(res.body).toEqual({ success: true, status: 'ready', timestamp: expect.any(String) });
  });
});
