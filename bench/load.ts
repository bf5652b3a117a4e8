/**
 * Load test of the api as it runs in production (issue 15, "Under load"): `node dist/server.js` in its own
 * process with NODE_ENV=production, against a private embedded MongoDB server (child process) and a
 * private redis-server, both started here. Run `npm run build` first (the bench refuses a dist/ older than
 * src/ unless LOAD_ALLOW_STALE=1).
 *
 *   npm run bench:load                      # full run: 60 s per phase (6-8 minutes with seeding)
 *   LOAD_SECONDS=10 npm run bench:load      # quick run
 *
 * Phases (all against GET /api/v1/question/session/:id, an authenticated read of a 20-question session):
 *   0. warm-up (LOAD_WARMUP_SECONDS, 10 connections);
 *   1. capacity: max req/s at LOAD_CONNECTIONS (50) for LOAD_CAPACITY_SECONDS, then the same read at
 *      HALF that rate (autocannon overallRate) for LOAD_SECONDS: p99 < 50 ms and 0 errors;
 *   2. LOAD_HIGH_CONNECTIONS (200) connections for LOAD_SECONDS: 0 errors, api RSS not growing;
 *   3. LOAD_SOCKETS (1000) socket.io clients (tokens of LOAD_USERS = 100 users) plus LOAD_KEEPALIVE (1000)
 *      keep-alive HTTP connections, each sending one request every LOAD_KEEPALIVE_INTERVAL_MS (4000: under the
 *      api's 5 s keep-alive timeout, so a connection is held) for LOAD_SECONDS, reading in turn the sessions of
 *      the first LOAD_SESSIONS (10) users: 0 errors, no socket dropped, every socket still receives an event
 *      at the end, bounded RSS.
 *
 * Other settings: LOAD_PHASES (which of 1,2,3 to run, default all), LOAD_SAMPLE_MS (RSS sampling, 5000),
 * LOAD_TIMEOUT_MS (request timeout, 10000), LOAD_SETTLE_MAX_SECONDS (wait for idle between phases, 180),
 * LOAD_JSON=<file> (write the results as JSON), MONGODB_URI / REDIS_URL (use those instead of private ones;
 * the database process is then not sampled). Errors = connection errors + timeouts + non-2xx answers.
 * Method, settings and results: bench/README.md, section "Load".
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { io, type Socket } from 'socket.io-client';

const num = (name: string, def: number) => {
  const v = process.env[name];
  return v === undefined || v === '' ? def : Number(v);
};
const SECONDS = num('LOAD_SECONDS', 60);
const WARMUP_SECONDS = num('LOAD_WARMUP_SECONDS', Math.min(10, SECONDS));
const CAPACITY_SECONDS = num('LOAD_CAPACITY_SECONDS', Math.min(20, SECONDS));
const CONNECTIONS = num('LOAD_CONNECTIONS', 50);
const HIGH_CONNECTIONS = num('LOAD_HIGH_CONNECTIONS', 200);
const SOCKETS = num('LOAD_SOCKETS', 1000);
const USERS = Math.max(1, num('LOAD_USERS', 100));
const KEEPALIVE = num('LOAD_KEEPALIVE', 1000);
// Users with a 20-question session: the keep-alive connections read these sessions, in turn.
const SESSIONS = Math.max(1, Math.min(USERS, num('LOAD_SESSIONS', 10)));
const KEEPALIVE_INTERVAL_MS = num('LOAD_KEEPALIVE_INTERVAL_MS', 4000);
const SAMPLE_MS = num('LOAD_SAMPLE_MS', 5000);
const TIMEOUT_MS = num('LOAD_TIMEOUT_MS', 10_000);
const PHASES = new Set((process.env.LOAD_PHASES ?? '1,2,3').split(',').map((x) => x.trim()));
const QUESTIONS = 20;
const ROOT = path.resolve(__dirname, '..');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) =>
  process.stderr.write(`[load ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
const mb = (kb: number) => (kb / 1024).toFixed(0);

// ---------------------------------------------------------------------------------------------------------
// Processes

/** Children started here, stopped (SIGTERM, then SIGKILL) in reverse order at exit. */
const children: ChildProcess[] = [];

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Max open files of a process (soft or hard limit) from /proc/<pid>/limits. */
function fdLimit(pid: number | 'self', which: 'soft' | 'hard' = 'soft'): number {
  const line = fs
    .readFileSync(`/proc/${pid}/limits`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const value = line?.split(/\s{2,}/)[which === 'soft' ? 1 : 2];
  return value === 'unlimited' ? 1_048_576 : Number(value);
}

const openFds = (pid: number) => {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return NaN;
  }
};

/** The embedded MongoDB-compatible server in its own process (its CLI prints mongod's "Waiting for connections"). */
async function startMongoChild(logFile: string): Promise<{ uri: string; pid: number }> {
  const child = spawn(
    path.join(ROOT, 'packages/mongo-embedded/scripts/mongod-embedded'),
    ['--port', '0', '--bind_ip', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  const out = fs.createWriteStream(logFile);
  child.stderr!.pipe(out);
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('embedded MongoDB did not start within 60 s')), 60_000);
    child.once('exit', (code) =>
      reject(new Error(`embedded MongoDB exited with code ${code} (see ${logFile})`)),
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      out.write(chunk);
      buf += chunk.toString();
      const m = /"msg":"Waiting for connections","attr":\{"port":(\d+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  return { uri: `mongodb://127.0.0.1:${port}`, pid: child.pid! };
}

/**
 * `node dist/server.js` with the production settings, through `sh -c 'ulimit -n N; exec node …'` so its
 * open-file limit can be raised above the shell's (up to the hard limit) for the socket phase.
 */
async function startApi(env: Record<string, string>, fdsWanted: number, logFile: string) {
  const port = await freePort();
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    'sh',
    [
      '-c',
      `ulimit -n ${Math.max(fdLimit('self'), Math.min(fdsWanted, fdLimit('self', 'hard')))} 2>/dev/null; exec "$0" "$@"`,
      process.execPath,
      'dist/server.js',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', out, out],
    },
  );
  // `sh -c '… exec node'` replaces the shell: the child's pid is the api's.
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`api exited with code ${child.exitCode} (see ${logFile})`);
    const ok = await fetch(`${base}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`api did not answer /health within 60 s (see ${logFile})`);
    await sleep(200);
  }
  return { base, pid: child.pid!, child };
}

async function freePort(): Promise<number> {
  const { freePort: free } = await import('../src/embedded/redis');
  return free();
}

// ---------------------------------------------------------------------------------------------------------
// Sampling: RSS from /proc/<pid>/status, CPU time from /proc/<pid>/stat

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** utime + stime of a process, in ms. */
function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

interface MemoryReport {
  samples: Array<{ s: number; rssMb: number; fds: number }>;
  startMb: number;
  endMb: number;
  maxMb: number;
  /** Least-squares slope of the samples after the first third of the window, in MB per minute. */
  slopeMbPerMin: number;
  grows: boolean;
}

class Sampler {
  private timer?: NodeJS.Timeout;
  private readonly t0 = Date.now();
  readonly samples: Array<{ s: number; rssKb: number; fds: number }> = [];
  constructor(private readonly pid: number) {}
  start(): this {
    this.take();
    this.timer = setInterval(() => this.take(), SAMPLE_MS);
    return this;
  }
  private take(): void {
    try {
      this.samples.push({ s: (Date.now() - this.t0) / 1000, rssKb: rssKb(this.pid), fds: openFds(this.pid) });
    } catch {
      /* the process is gone: the phase reports it */
    }
  }
  stop(): MemoryReport {
    clearInterval(this.timer);
    this.take();
    const xs = this.samples;
    // Warm-up: the first third of the window (V8 grows its heap to a working size, then should stay).
    const steady = xs.filter((x) => x.s >= xs[xs.length - 1].s / 3);
    const n = steady.length;
    const mx = steady.reduce((a, x) => a + x.s, 0) / n;
    const my = steady.reduce((a, x) => a + x.rssKb, 0) / n;
    const cov = steady.reduce((a, x) => a + (x.s - mx) * (x.rssKb - my), 0);
    const varx = steady.reduce((a, x) => a + (x.s - mx) ** 2, 0);
    const slopeKbPerS = varx ? cov / varx : 0;
    const window = steady[n - 1].s - steady[0].s;
    // "Grows": the steady-state trend adds more than 10 % (and more than 10 MB) over the steady window.
    const growth = slopeKbPerS * window;
    return {
      samples: xs.map((x) => ({ s: Math.round(x.s), rssMb: Math.round(x.rssKb / 1024), fds: x.fds })),
      startMb: xs[0].rssKb / 1024,
      endMb: xs[xs.length - 1].rssKb / 1024,
      maxMb: Math.max(...xs.map((x) => x.rssKb)) / 1024,
      slopeMbPerMin: (slopeKbPerS * 60) / 1024,
      grows: growth > Math.max(10 * 1024, 0.1 * my),
    };
  }
}

/** CPU ms of the api and database processes over a phase, per request. */
function cpuMeter(apiPid: number, dbPid: number | undefined) {
  const a0 = cpuMs(apiPid);
  const d0 = cpuMs(dbPid);
  return (requests: number) => ({
    apiMsPerReq: (cpuMs(apiPid) - a0) / Math.max(1, requests),
    dbMsPerReq: (cpuMs(dbPid) - d0) / Math.max(1, requests),
  });
}

/**
 * Waits until the api and database processes are idle (each under 15 % of a core over a second, at most
 * LOAD_SETTLE_MAX_SECONDS): requests whose client timed out are still being worked on after a phase, and
 * the next phase must not inherit them. Returns the seconds waited.
 */
async function settle(apiPid: number, dbPid: number | undefined): Promise<number> {
  const t0 = Date.now();
  const max = num('LOAD_SETTLE_MAX_SECONDS', 180) * 1000;
  for (;;) {
    const a = cpuMs(apiPid);
    const d = cpuMs(dbPid);
    await sleep(1000);
    const busy = Math.max(cpuMs(apiPid) - a, dbPid ? cpuMs(dbPid) - d : 0);
    if (busy < 150 || Date.now() - t0 > max) return (Date.now() - t0 - 1000) / 1000;
  }
}

// ---------------------------------------------------------------------------------------------------------
// HTTP helpers

async function api<T = Record<string, unknown>>(
  base: string,
  method: string,
  p: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function must<T>(what: string, call: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const res = await call;
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

interface SeededUser {
  id: string;
  token: string;
  sessionId: string;
}

/**
 * Registers and logs in `count` users (bcrypt-bound: 4 at a time) and gives the first `sessions` of them a
 * 20-question session each (through POST /question/custom, as a client would).
 */
async function seed(base: string, count: number, sessions: number): Promise<SeededUser[]> {
  const { BANK } = await import('../src/ai/offline-bank');
  const tag = randomBytes(3).toString('hex');
  const users: SeededUser[] = new Array(count);
  const t0 = Date.now();
  await pool([...Array(count).keys()], 4, async (i) => {
    const email = `load.${tag}.${i}@example.test`;
    const password = `load-password-${tag}-${i}`;
    await must(
      'register',
      api(base, 'POST', '/api/v1/user/register', { fullname: `Load User ${i}`, email, password }),
      201,
    );
    const login = await must<{ data: { token: string; user: { _id: string } } }>(
      'login',
      api(base, 'POST', '/api/v1/user/login', { email, password }),
    );
    users[i] = { id: login.data.user._id, token: login.data.token, sessionId: '' };
  });
  log(`${count} users registered and logged in in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await pool(users.slice(0, sessions), 8, async (u, i) => {
    const created = await must<{ data: { session: { _id: string } } }>(
      'session create',
      api(
        base,
        'POST',
        '/api/v1/session/create',
        { role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['Node.js', 'MongoDB'] },
        u.token,
      ),
      201,
    );
    u.sessionId = created.data.session._id;
    for (let q = 0; q < QUESTIONS; q++) {
      const e = BANK[(i * QUESTIONS + q) % BANK.length];
      await must(
        'custom question',
        api(
          base,
          'POST',
          '/api/v1/question/custom',
          { sessionId: u.sessionId, question: e.question, answer: e.answer, difficulty: e.difficulty },
          u.token,
        ),
        201,
      );
    }
  });
  return users;
}

// ---------------------------------------------------------------------------------------------------------
// Load generators

interface HttpResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  detail: string;
}

function cannon(opts: autocannon.Options): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ timeout: TIMEOUT_MS / 1000, ...opts }, (err, r) => {
      if (err) return reject(err);
      const non2xx = r.non2xx;
      const errors = r.errors + r.timeouts + non2xx;
      resolve({
        requests: r.requests.total,
        rps: r.requests.total / r.duration,
        p50: r.latency.p50,
        p99: r.latency.p99,
        max: r.latency.max,
        errors,
        detail:
          `errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${non2xx}` +
          (non2xx
            ? ` (${Object.entries(r.statusCodeStats ?? {})
                .map(([code, s]) => `${code}: ${(s as { count: number }).count}`)
                .join(', ')})`
            : ''),
      });
    });
    instance.on('error', reject);
  });
}

/**
 * `connections` keep-alive HTTP connections (one http.Agent with one socket each). Each sends one request
 * every `intervalMs` (first ones spread over the interval) until `seconds` are over, and counts every socket
 * it had to open after its first: a connection "held" for the run opens exactly one.
 */
async function keepAliveLoad(
  base: string,
  connections: number,
  intervalMs: number,
  seconds: number,
  requestFor: (i: number) => { path: string; token: string },
) {
  const url = new URL(base);
  const latencies: number[] = [];
  const errorKinds = new Map<string, number>();
  let errors = 0;
  let reopened = 0;
  const end = Date.now() + seconds * 1000;
  const agents: http.Agent[] = [];
  const conn = async (i: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 });
    agents.push(agent);
    const seen = new WeakSet<object>();
    let sockets = 0;
    await sleep((i / connections) * intervalMs);
    while (Date.now() < end) {
      const started = performance.now();
      const { path: p, token } = requestFor(i);
      const status = await new Promise<number | string>((resolve) => {
        const req = http.get(
          {
            host: url.hostname,
            port: url.port,
            path: p,
            agent,
            headers: { authorization: `Bearer ${token}` },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
            res.on('error', (e) => resolve(e.message));
          },
        );
        // A deadline for the whole exchange (connecting included), not an idle timeout.
        const deadline = setTimeout(() => req.destroy(new Error('timeout')), TIMEOUT_MS);
        req.on('close', () => clearTimeout(deadline));
        req.on('socket', (s) => {
          if (!seen.has(s)) {
            seen.add(s);
            if (++sockets > 1) reopened++;
          }
        });
        req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      });
      const ms = performance.now() - started;
      if (status === 200) latencies.push(ms);
      else {
        errors++;
        errorKinds.set(String(status), (errorKinds.get(String(status)) ?? 0) + 1);
      }
      await sleep(Math.max(0, intervalMs - ms));
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: connections }, (_, i) => conn(i)));
  const duration = (Date.now() - t0) / 1000;
  for (const a of agents) a.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length + errors,
    rps: (latencies.length + errors) / duration,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    errors,
    reopened,
    detail: [...errorKinds].map(([k, v]) => `${k}: ${v}`).join(', ') || 'none',
  };
}

/** Opens `count` socket.io clients (websocket transport, no reconnection: a drop is counted, not hidden). */
async function openSockets(base: string, users: SeededUser[], count: number) {
  const sockets: Array<{ socket: Socket; user: SeededUser; received: Set<string> }> = [];
  const drops = new Map<string, number>();
  let connectErrors = 0;
  let disconnects = 0;
  const connectMs: number[] = [];
  const t0 = Date.now();
  await pool([...Array(count).keys()], 50, async (i) => {
    const user = users[i % users.length];
    const socket = io(base, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 20_000,
      auth: { token: user.token },
    });
    const entry = { socket, user, received: new Set<string>() };
    socket.on('notification', (payload: { nonce?: string }) => {
      if (payload?.nonce) entry.received.add(payload.nonce);
    });
    const started = performance.now();
    await new Promise<void>((resolve) => {
      socket.once('connect', () => {
        connectMs.push(performance.now() - started);
        sockets.push(entry);
        socket.on('disconnect', (reason) => {
          disconnects++;
          drops.set(reason, (drops.get(reason) ?? 0) + 1);
        });
        resolve();
      });
      socket.once('connect_error', (err) => {
        connectErrors++;
        drops.set(`connect_error: ${err.message}`, (drops.get(`connect_error: ${err.message}`) ?? 0) + 1);
        socket.close();
        resolve();
      });
    });
  });
  connectMs.sort((a, b) => a - b);
  return {
    sockets,
    connectSeconds: (Date.now() - t0) / 1000,
    connectP99: pct(connectMs, 99),
    connectErrors: () => connectErrors,
    disconnects: () => disconnects,
    drops,
  };
}

// ---------------------------------------------------------------------------------------------------------

function checkBuild(): void {
  const server = path.join(ROOT, 'dist/server.js');
  if (!fs.existsSync(server)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const built = fs.statSync(server).mtimeMs;
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? newest(p) : p.endsWith('.ts') ? fs.statSync(p).mtimeMs : 0;
      }),
    );
  if (newest(path.join(ROOT, 'src')) > built && process.env.LOAD_ALLOW_STALE !== '1') {
    throw new Error('dist/ is older than src/: run `npm run build` first (or set LOAD_ALLOW_STALE=1)');
  }
}

async function main() {
  checkBuild();
  const commit = (() => {
    try {
      // The last commit that changed the api or the database server (bench edits do not change the result).
      const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT }).toString().trim();
      const dirty = git('status', '--porcelain', '--', 'src', 'packages') ? '+local changes' : '';
      return `${git('log', '-1', '--format=%h', '--', 'src', 'packages')}${dirty}`;
    } catch {
      return 'unknown';
    }
  })();
  const fdsWanted = SOCKETS + KEEPALIVE + 1024;
  const ownFds = fdLimit('self');
  if (PHASES.has('3') && ownFds < SOCKETS + KEEPALIVE + 256) {
    throw new Error(
      `this process may open ${ownFds} files; the socket phase needs ${SOCKETS + KEEPALIVE + 256}: run \`ulimit -n ${fdsWanted}\` first`,
    );
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intervai-load-'));
  const load0 = os.loadavg();
  log(
    `commit ${commit}, ${os.cpus().length} cores, load average ${load0.map((l) => l.toFixed(2)).join(' ')}`,
  );
  log(`logs and data in ${workDir}`);

  let dbPid: number | undefined;
  let mongoUri = process.env.MONGODB_URI;
  if (!mongoUri) {
    const m = await startMongoChild(path.join(workDir, 'mongo.log'));
    dbPid = m.pid;
    mongoUri = m.uri;
    log(`embedded MongoDB: ${m.uri} (pid ${m.pid})`);
  }
  let redisUrl = process.env.REDIS_URL;
  let stopRedis: (() => Promise<void>) | undefined;
  if (!redisUrl) {
    const { startRedisServer } = await import('../src/embedded/redis');
    const r = await startRedisServer();
    redisUrl = r.url;
    stopRedis = r.stop;
    log(`redis-server: ${r.url}`);
  }
  const tag = randomBytes(3).toString('hex');
  const redisPrefix = `load_${tag}:`;
  const apiEnv = {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(48).toString('base64'),
    MONGODB_URI: `${mongoUri.replace(/\/$/, '')}/intervai_load_${tag}`,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    BULL_PREFIX: `load_bull_${tag}`,
    DATA_DIR: workDir,
    AI_PROVIDER: 'offline',
    // The production minimum (login/register are only in the seeding, not in the measured phases).
    BCRYPT_ROUNDS: '10',
    // All load comes from one address: the per-IP limits would turn it into 429s.
    RATE_LIMIT_GENERAL_MAX: '1000000000',
    RATE_LIMIT_REGISTER_MAX: '100000',
    LOG_LEVEL: 'info',
  };
  const apiLog = path.join(workDir, 'api.log');
  const apiProc = await startApi(apiEnv, fdsWanted, apiLog);
  const { base, pid: apiPid } = apiProc;
  const apiFdLimit = fdLimit(apiPid);
  log(`api: ${base} (pid ${apiPid}, NODE_ENV=production, open-file limit ${apiFdLimit})`);
  if (PHASES.has('3') && apiFdLimit < SOCKETS + KEEPALIVE + 256) {
    log(
      `WARNING: the api may open only ${apiFdLimit} files; phase 3 needs about ${SOCKETS + KEEPALIVE + 256}`,
    );
  }

  const cleanup = async () => {
    for (const c of [...children].reverse()) await stopChild(c);
    await stopRedis?.();
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    const t = Date.now();
    const users = await seed(base, PHASES.has('3') ? USERS : 1, PHASES.has('3') ? SESSIONS : 1);
    log(
      `seeded ${users.length} users (${users.filter((u) => u.sessionId).length} with a ${QUESTIONS}-question session) in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
    const main0 = users[0];
    const readPath = `/api/v1/question/session/${main0.sessionId}`;
    const check = await must<{ count: number }>('read', api(base, 'GET', readPath, undefined, main0.token));
    if (check.count !== QUESTIONS) throw new Error(`the session read returned ${check.count} questions`);
    const read = { url: `${base}${readPath}`, headers: { authorization: `Bearer ${main0.token}` } };
    const rows: Array<{ phase: string; result: string; goal: string; ok: boolean | null }> = [];
    const results: Record<string, unknown> = { commit, cores: os.cpus().length, node: process.version };

    const settles: string[] = [];
    const idleRss = rssKb(apiPid);
    const cpuStart = process.cpuUsage();
    const runStart = Date.now();
    // 0. warm-up (always)
    log(`warm-up: ${WARMUP_SECONDS} s at 10 connections`);
    await cannon({ ...read, connections: 10, duration: WARMUP_SECONDS });

    if (PHASES.has('1')) {
      // 1. capacity, then half of it
      log(`capacity: ${CAPACITY_SECONDS} s at ${CONNECTIONS} connections`);
      const cpu0 = cpuMeter(apiPid, dbPid);
      const cap = await cannon({ ...read, connections: CONNECTIONS, duration: CAPACITY_SECONDS });
      const capCpu = cpu0(cap.requests);
      results.capacity = { ...cap, ...capCpu };
      rows.push({
        phase: `1a. capacity, ${CONNECTIONS} connections, ${CAPACITY_SECONDS} s`,
        result: `${cap.rps.toFixed(0)} req/s, p50 ${cap.p50} ms, p99 ${cap.p99} ms, errors ${cap.errors}; CPU/req api ${capCpu.apiMsPerReq.toFixed(2)} ms, db ${capCpu.dbMsPerReq.toFixed(2)} ms`,
        goal: '(reference)',
        ok: null,
      });
      const half = Math.max(1, Math.floor(cap.rps / 2));
      log(`half capacity: ${half} req/s for ${SECONDS} s at ${CONNECTIONS} connections`);
      const cpu = cpuMeter(apiPid, dbPid);
      // autocannon opens at most `overallRate` connections.
      const halfConnections = Math.min(CONNECTIONS, half);
      const halfRun = await cannon({
        ...read,
        connections: halfConnections,
        overallRate: half,
        duration: SECONDS,
      });
      const halfCpu = cpu(halfRun.requests);
      results.half = { rate: half, ...halfRun, ...halfCpu };
      rows.push({
        phase: `1b. half capacity (${half} req/s), ${halfConnections} connections, ${SECONDS} s`,
        result: `${halfRun.rps.toFixed(0)} req/s, p50 ${halfRun.p50} ms, p99 ${halfRun.p99} ms, max ${halfRun.max} ms; ${halfRun.detail}`,
        goal: 'p99 < 50 ms, 0 errors',
        ok: halfRun.p99 < 50 && halfRun.errors === 0,
      });
    }

    if (PHASES.has('1')) {
      const waited = await settle(apiPid, dbPid);
      settles.push(`after 1: ${waited.toFixed(0)} s (then RSS ${mb(rssKb(apiPid))} MB)`);
    }
    if (PHASES.has('2')) {
      // 2. 200 connections, memory
      log(`${HIGH_CONNECTIONS} connections for ${SECONDS} s`);
      const sampler = new Sampler(apiPid).start();
      const cpu = cpuMeter(apiPid, dbPid);
      const high = await cannon({ ...read, connections: HIGH_CONNECTIONS, duration: SECONDS });
      const highCpu = cpu(high.requests);
      const highMem = sampler.stop();
      results.high = { ...high, ...highCpu, memory: highMem };
      rows.push({
        phase: `2. ${HIGH_CONNECTIONS} connections, ${SECONDS} s`,
        result: `${high.rps.toFixed(0)} req/s, p50 ${high.p50} ms, p99 ${high.p99} ms; ${high.detail}`,
        goal: '0 errors',
        ok: high.errors === 0,
      });
      rows.push({
        phase: `2. api RSS every ${SAMPLE_MS / 1000} s`,
        result: `start ${highMem.startMb.toFixed(0)} MB, end ${highMem.endMb.toFixed(0)} MB, max ${highMem.maxMb.toFixed(0)} MB; trend after warm-up ${highMem.slopeMbPerMin.toFixed(1)} MB/min`,
        goal: 'no growth after warm-up',
        ok: !highMem.grows,
      });
    }

    if (PHASES.has('2')) {
      const waited = await settle(apiPid, dbPid);
      settles.push(`after 2: ${waited.toFixed(0)} s (then RSS ${mb(rssKb(apiPid))} MB)`);
    }
    if (PHASES.has('3')) {
      // 3. 1,000 sockets + 1,000 keep-alive connections
      log(`opening ${SOCKETS} socket.io clients (${USERS} users)`);
      const rssBefore = rssKb(apiPid);
      const sock = await openSockets(base, users, SOCKETS);
      const rssSockets = rssKb(apiPid);
      log(
        `${sock.sockets.length} sockets open in ${sock.connectSeconds.toFixed(1)} s (connect p99 ${sock.connectP99?.toFixed(0)} ms), ${sock.connectErrors()} refused; api RSS ${mb(rssBefore)} → ${mb(rssSockets)} MB`,
      );
      log(
        `${KEEPALIVE} keep-alive connections, one request every ${KEEPALIVE_INTERVAL_MS} ms each, for ${SECONDS} s`,
      );
      const sampler = new Sampler(apiPid).start();
      const cpu = cpuMeter(apiPid, dbPid);
      const ka = await keepAliveLoad(base, KEEPALIVE, KEEPALIVE_INTERVAL_MS, SECONDS, (i) => {
        const u = users[i % SESSIONS];
        return { path: `/api/v1/question/session/${u.sessionId}`, token: u.token };
      });
      const kaCpu = cpu(ka.requests);
      const kaMem = sampler.stop();
      const stillConnected = sock.sockets.filter((s) => s.socket.connected).length;
      const disconnects = sock.disconnects();
      const drops = [...sock.drops].map(([k, v]) => `${k}: ${v}`).join(', ') || 'none';
      // Every socket must still be live: one event per user through the api's Redis channel, then wait.
      const { default: Redis } = await import('ioredis');
      const pub = new Redis(redisUrl);
      const nonce = randomBytes(4).toString('hex');
      for (const u of users) {
        await pub.publish(
          `${redisPrefix}events:user`,
          JSON.stringify({ userId: u.id, event: 'notification', payload: { nonce } }),
        );
      }
      const until = Date.now() + 15_000;
      while (Date.now() < until && sock.sockets.some((s) => s.socket.connected && !s.received.has(nonce))) {
        await sleep(100);
      }
      pub.disconnect();
      const delivered = sock.sockets.filter((s) => s.received.has(nonce)).length;
      for (const s of sock.sockets) s.socket.close();
      results.sockets = {
        opened: sock.sockets.length,
        refused: sock.connectErrors(),
        connectSeconds: sock.connectSeconds,
        connectP99: sock.connectP99,
        disconnects,
        stillConnected,
        delivered,
        drops,
        rssBeforeMb: rssBefore / 1024,
        rssWithSocketsMb: rssSockets / 1024,
      };
      results.keepAlive = { ...ka, ...kaCpu, memory: kaMem };
      const totalErrors = ka.errors + sock.connectErrors();
      rows.push({
        phase: `3. ${SOCKETS} socket.io clients (${USERS} users)`,
        result: `${sock.sockets.length} opened in ${sock.connectSeconds.toFixed(1)} s, ${sock.connectErrors()} refused; after ${SECONDS} s: ${stillConnected} connected, ${disconnects} disconnects, ${delivered} received the final event (drops: ${drops})`,
        goal: 'all stay connected',
        ok: sock.sockets.length === SOCKETS && stillConnected === SOCKETS && delivered === SOCKETS,
      });
      rows.push({
        phase: `3. + ${KEEPALIVE} keep-alive HTTP connections (1 req / ${KEEPALIVE_INTERVAL_MS / 1000} s each), ${SECONDS} s`,
        result: `${ka.rps.toFixed(0)} req/s (${(ka.rps * 60).toFixed(0)}/min), p50 ${ka.p50.toFixed(0)} ms, p99 ${ka.p99.toFixed(0)} ms, max ${ka.max.toFixed(0)} ms; errors ${ka.errors} (${ka.detail}); connections reopened ${ka.reopened}; CPU/req api ${kaCpu.apiMsPerReq.toFixed(2)} ms`,
        goal: '0 errors',
        ok: totalErrors === 0,
      });
      rows.push({
        phase: `3. api RSS every ${SAMPLE_MS / 1000} s`,
        result: `start ${kaMem.startMb.toFixed(0)} MB, end ${kaMem.endMb.toFixed(0)} MB, max ${kaMem.maxMb.toFixed(0)} MB; trend after warm-up ${kaMem.slopeMbPerMin.toFixed(1)} MB/min; open fds max ${Math.max(...kaMem.samples.map((s) => s.fds))} (limit ${apiFdLimit})`,
        goal: 'bounded',
        ok: !kaMem.grows,
      });
    }

    if (PHASES.has('3')) {
      const waited = await settle(apiPid, dbPid);
      settles.push(`after 3: ${waited.toFixed(0)} s (then RSS ${mb(rssKb(apiPid))} MB)`);
    }
    rows.push({
      phase: 'api and database busy after the load stopped',
      result: `${settles.join(', ')}: work for requests whose client had given up; idle RSS before the phases ${mb(idleRss)} MB`,
      goal: '',
      ok: null,
    });
    const own = process.cpuUsage(cpuStart);
    const elapsed = (Date.now() - runStart) / 1000;
    rows.push({
      phase: 'load generator (this process)',
      result: `${((own.user + own.system) / 1e6).toFixed(0)} s CPU over ${elapsed.toFixed(0)} s (${(((own.user + own.system) / 1e6 / elapsed) * 100).toFixed(0)} % of a core), shared with the api on this machine`,
      goal: '',
      ok: null,
    });
    const apiAlive = apiProc.child.exitCode === null;
    const logText = fs.readFileSync(apiLog, 'utf8');
    const errorLines = logText.split('\n').filter((l) => l.includes('"level":"error"')).length;
    rows.push({
      phase: 'api process',
      result: `${apiAlive ? 'alive' : `EXITED (${apiProc.child.exitCode})`}; ${errorLines} error log lines (${apiLog})`,
      goal: 'alive, 0 error lines',
      ok: apiAlive && errorLines === 0,
    });
    const load1 = os.loadavg();
    results.loadAverage = { start: load0, end: load1 };

    const mark = (ok: boolean | null) => (ok === null ? '' : ok ? 'yes' : '**NO**');
    const lines = [
      '',
      `Load test (api at commit ${commit}, NODE_ENV=production, ${os.cpus().length} cores, Node ${process.version}, load average ${load0[0].toFixed(2)} → ${load1[0].toFixed(2)})`,
      '',
      '| phase | result | goal | met |',
      '| --- | --- | --- | --- |',
      ...rows.map((r) => `| ${r.phase} | ${r.result} | ${r.goal} | ${mark(r.ok)} |`),
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
    if (process.env.LOAD_JSON)
      fs.writeFileSync(process.env.LOAD_JSON, JSON.stringify({ rows, results }, null, 2));
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    log(`failed: ${(err as Error).stack ?? String(err)}`);
    for (const c of children) c.kill('SIGKILL');
    process.exit(1);
  },
);
