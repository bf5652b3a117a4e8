/**
 * Authenticated read path over HTTP (issue 15), against the real production entry point.
 *
 *   npm run build && npx tsx bench/http.ts
 *   BENCH_DURATION=8 BENCH_CONNECTIONS=50 BENCH_ROUNDS=2 BENCH_ONLY=session-questions npx tsx bench/http.ts
 *   BENCH_PROFILE_DIR=/tmp/prof npx tsx bench/http.ts     # api started with --cpu-prof (written on exit)
 *
 * Processes (each its own, so their CPU is measured apart): the embedded MongoDB-compatible server
 * (`packages/mongo-embedded/scripts/mongod-embedded`, or MONGODB_URI for another server), a private
 * `redis-server` (or REDIS_URL), the api (`node dist/server.js`, NODE_ENV=production with its required
 * secrets) and a bare Express 5 app answering `GET /hello` with a small JSON body.
 *
 * Seeding (directly in the database, as bench/search.ts does): user A (registered and logged in through
 * the API) owns 3 sessions, the first with 20 questions; user B owns 10,000 questions (200 sessions × 50)
 * for search. Then, for each round and each route, autocannon runs the hello app and the route back to
 * back (interleaved), so both see the same machine load. Per run: req/s, p50/p99 latency, errors and
 * non-2xx answers, the ratio to the hello run just before it, and CPU milliseconds per request of the
 * server process and of the database process (utime+stime from /proc/<pid>/stat before and after).
 *
 * The rate limiter stays on (RATE_LIMIT_GENERAL_MAX is raised so it counts without refusing).
 * Cached reads: `/question/session/:id` is also run with `If-None-Match` set to the ETag of the
 * previous answer (a cache hit answered 304 without the database: "etag hit" rows).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import mongoose, { Types } from 'mongoose';
import { freePort, startRedisServer } from '../src/embedded/redis';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SEARCH_QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 10_000);
const ONLY = process.env.BENCH_ONLY?.split(',');
// Search is slower per request: fewer connections, so runs complete requests instead of queueing them.
const SEARCH_CONNECTIONS = Number(process.env.BENCH_SEARCH_CONNECTIONS ?? 10);
const ROOT = path.resolve(__dirname, '..');
const CLK_TCK = 100; // USER_HZ on Linux

/** CPU milliseconds (user + system, all threads) a process has used so far. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start:\n${seen.slice(-2000)}`)),
      timeoutMs,
    );
    const onData = (buf: Buffer) => {
      seen += buf.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining so a chatty child never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${seen.slice(-2000)}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const HELLO_APP = `
const express = require('express');
const app = express();
app.disable('x-powered-by');
app.get('/hello', (req, res) => res.json({ success: true, message: 'hello', data: { hello: 'world' } }));
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('hello listening'));
server.keepAliveTimeout = 5000;
process.on('SIGTERM', () => process.exit(0));
`;

interface RunResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
  cpuPerReq: number;
  dbCpuPerReq: number;
}

async function run(
  url: string,
  serverPid: number,
  dbPid: number | undefined,
  headers: Record<string, string> = {},
  expectStatus = 200,
  connections = CONNECTIONS,
): Promise<RunResult> {
  const cpu0 = cpuMs(serverPid);
  const db0 = dbPid ? cpuMs(dbPid) : 0;
  let wrongStatus = 0;
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: DURATION, headers },
      (err: Error | null, result: autocannon.Result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('response', (_client: unknown, statusCode: number) => {
      if (statusCode !== expectStatus) wrongStatus++;
    });
  });
  const cpu = cpuMs(serverPid) - cpu0;
  const db = dbPid ? cpuMs(dbPid) - db0 : 0;
  const requests = r.requests.total;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: wrongStatus,
    requests,
    cpuPerReq: requests ? cpu / requests : NaN,
    dbCpuPerReq: requests ? db / requests : NaN,
  };
}

async function main() {
  // BENCH_SERVER: another build of the entry point (e.g. a copy of an older dist/ for before/after runs).
  const serverJs = path.resolve(ROOT, process.env.BENCH_SERVER ?? 'dist/server.js');
  if (!existsSync(serverJs)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const children: ChildProcess[] = [];
  const stops: Array<() => Promise<unknown>> = [];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'intervai-http-bench-'));
  stops.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  try {
    // Database: the embedded server in its own process (or MONGODB_URI).
    let mongoUri = process.env.MONGODB_URI;
    let dbPid: number | undefined;
    if (!mongoUri) {
      const port = await freePort();
      const db = spawn(
        path.join(ROOT, 'packages/mongo-embedded/scripts/mongod-embedded'),
        ['--port', String(port), '--bind_ip', '127.0.0.1'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.push(db);
      await waitForOutput(db, /Waiting for connections/, 'embedded MongoDB');
      dbPid = db.pid;
      mongoUri = `mongodb://127.0.0.1:${port}`;
    }
    const dbName = `bench_http_${process.pid}`;
    const dbUri = `${mongoUri.replace(/\/$/, '')}/${dbName}`;
    let redisUrl = process.env.REDIS_URL;
    if (!redisUrl) {
      const r = await startRedisServer();
      stops.push(() => r.stop());
      redisUrl = r.url;
    }

    const tag = randomBytes(3).toString('hex');
    const apiPort = await freePort();
    const profileArgs = process.env.BENCH_PROFILE_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
      : [];
    const api = spawn(process.execPath, [...profileArgs, serverJs], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(apiPort),
        JWT_SECRET: randomBytes(48).toString('base64'),
        MONGODB_URI: dbUri,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: `bench_http_${tag}:`,
        BULL_PREFIX: `bench_http_bull_${tag}`,
        DATA_DIR: dataDir,
        AI_PROVIDER: 'offline',
        BCRYPT_ROUNDS: '10',
        RATE_LIMIT_GENERAL_MAX: '1000000000',
        CLIENT_URL: 'http://localhost:3000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(api);
    await waitForOutput(api, /api listening on/, 'api');

    const helloPort = await freePort();
    const hello = spawn(process.execPath, ['-e', HELLO_APP], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: String(helloPort), NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(hello);
    await waitForOutput(hello, /hello listening/, 'hello app');

    // ---- seed
    const base = `http://127.0.0.1:${apiPort}/api/v1`;
    const post = async (p: string, body: unknown) => {
      const res = await fetch(`${base}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { data?: Record<string, unknown>; message?: string };
      if (!res.ok) throw new Error(`POST ${p}: ${res.status} ${json.message}`);
      return json.data ?? {};
    };
    const password = 'Bench-Password-Long-9417!';
    const login = async (email: string) => {
      await post('/user/register', { fullname: 'Bench User', email, password });
      const data = await post('/user/login', { email, password });
      return {
        token: String(data.token),
        userId: String((data.user as { _id?: string; id?: string }).id ?? (data.user as { _id: string })._id),
      };
    };
    const a = await login(`bench-a-${tag}@example.com`);
    const b = await login(`bench-b-${tag}@example.com`);

    await mongoose.connect(dbUri);
    const { Question, textFields } = await import('../src/modules/questions/question.model');
    const { Session } = await import('../src/modules/sessions/session.model');
    const { BANK } = await import('../src/ai/offline-bank');
    const { seededRandom } = await import('../src/ai/text');
    await Promise.all([Question.init(), Session.init()]);
    const rand = seededRandom(15);
    const seedSession = async (user: string, count: number, tagged: string) => {
      const sessionId = new Types.ObjectId();
      const docs = [];
      for (let k = 0; k < count; k++) {
        const e = BANK[Math.floor(rand() * BANK.length)]!;
        const question = `${e.question} (${tagged}.${k})`;
        const tags = [e.topicId];
        const created = new Date(Date.now() - Math.floor(rand() * 30 * 86400_000));
        docs.push({
          _id: new Types.ObjectId(),
          session: sessionId,
          user: new Types.ObjectId(user),
          question,
          answer: e.answer,
          notes: '',
          isPinned: rand() < 0.1,
          difficulty: e.difficulty,
          category: e.topicLabel,
          tags,
          source: 'ai',
          provider: 'offline',
          isAnswered: true,
          ...textFields({ question, answer: e.answer, category: e.topicLabel, tags }),
          createdAt: created,
          updatedAt: created,
          __v: 0,
        });
      }
      if (docs.length) await Question.collection.insertMany(docs, { ordered: false });
      await Session.collection.insertOne({
        _id: sessionId,
        user: new Types.ObjectId(user),
        role: 'Backend Developer',
        experience: 'mid-level',
        topicsToFocus: ['Databases', 'APIs'],
        description: 'Benchmark session',
        questions: docs.map((d) => d._id),
        status: 'in-progress',
        duration: 60,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      return String(sessionId);
    };
    const seedStart = Date.now();
    const sessionA = await seedSession(a.userId, 20, 'a0');
    await seedSession(a.userId, 5, 'a1');
    await seedSession(a.userId, 5, 'a2');
    for (let s = 0; s < SEARCH_QUESTIONS / 50; s++) await seedSession(b.userId, 50, `b${s}`);
    await mongoose.disconnect();
    const seedMs = Date.now() - seedStart;

    const searchWord = process.env.BENCH_SEARCH_Q ?? 'index';
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    // Warm-up and sanity check of every route.
    const routes: Array<{ name: string; path: string; token: string; etag?: boolean; connections?: number }> =
      [
        { name: 'session-questions', path: `/question/session/${sessionA}`, token: a.token, etag: true },
        { name: 'sessions', path: '/session', token: a.token },
        { name: 'session', path: `/session/${sessionA}`, token: a.token },
        { name: 'profile', path: '/user/profile', token: a.token },
        {
          name: 'search',
          path: `/question/search?q=${searchWord}`,
          token: b.token,
          connections: SEARCH_CONNECTIONS,
        },
      ].filter((r) => !ONLY || ONLY.includes(r.name));
    const etags = new Map<string, string>();
    for (const r of routes) {
      const res = await fetch(`${base}${r.path}`, { headers: auth(r.token) });
      const body = (await res.json()) as { data?: unknown; pagination?: { total?: number } };
      if (res.status !== 200) throw new Error(`${r.path}: ${res.status} ${JSON.stringify(body)}`);
      const size = Array.isArray(body.data) ? `${body.data.length} items` : 'object';
      const etag = res.headers.get('etag');
      if (etag) etags.set(r.name, etag);
      console.log(
        `  ${r.name}: 200, ${size}${body.pagination?.total !== undefined ? `, total ${body.pagination.total}` : ''}${etag ? ', ETag' : ''}`,
      );
    }
    await run(`http://127.0.0.1:${helloPort}/hello`, hello.pid!, undefined);

    console.log(
      `\nHTTP bench: ${CONNECTIONS} connections, ${DURATION} s per run, ${ROUNDS} round(s), node ${process.version}, ` +
        `${os.cpus().length} cores, load ${os
          .loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')}; ` +
        `db: ${dbPid ? 'embedded server, own process' : 'MONGODB_URI'}; seeded in ${(seedMs / 1000).toFixed(1)} s`,
    );
    const header =
      'route                     | req/s  | p50 ms | p99 ms | err | non-2xx | × hello | api CPU ms/req | db CPU ms/req | hello req/s | hello CPU ms/req';
    console.log(header);
    console.log('-'.repeat(header.length));
    const summary = new Map<string, RunResult[]>();
    const ratios = new Map<string, number[]>();
    const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');
    for (let round = 1; round <= ROUNDS; round++) {
      for (const r of routes) {
        const variants: Array<{ label: string; headers: Record<string, string>; status: number }> = [
          { label: r.name, headers: auth(r.token), status: 200 },
        ];
        const etag = etags.get(r.name);
        if (r.etag && etag)
          variants.push({
            label: `${r.name} (etag hit)`,
            headers: { ...auth(r.token), 'if-none-match': etag },
            status: 304,
          });
        for (const v of variants) {
          const conns = r.connections ?? CONNECTIONS;
          const h = await run(`http://127.0.0.1:${helloPort}/hello`, hello.pid!, undefined, {}, 200, conns);
          const x = await run(`${base}${r.path}`, api.pid!, dbPid, v.headers, v.status, conns);
          const ratio = x.rps / h.rps;
          summary.set(v.label, [...(summary.get(v.label) ?? []), x]);
          ratios.set(v.label, [...(ratios.get(v.label) ?? []), ratio]);
          console.log(
            `${v.label.padEnd(25)} | ${fmt(x.rps, 0).padStart(6)} | ${String(x.p50).padStart(6)} | ${String(x.p99).padStart(6)} | ` +
              `${String(x.errors).padStart(3)} | ${String(x.non2xx).padStart(7)} | ${fmt(ratio).padStart(7)} | ` +
              `${fmt(x.cpuPerReq).padStart(14)} | ${fmt(x.dbCpuPerReq).padStart(13)} | ${fmt(h.rps, 0).padStart(11)} | ${fmt(h.cpuPerReq).padStart(16)}`,
          );
        }
      }
    }
    console.log('\nmean over rounds:');
    for (const [label, xs] of summary) {
      const mean = (f: (x: RunResult) => number) => xs.reduce((s, x) => s + f(x), 0) / xs.length;
      const rs = ratios.get(label)!;
      console.log(
        `${label.padEnd(25)} | ${fmt(
          mean((x) => x.rps),
          0,
        ).padStart(6)} req/s | p99 ${fmt(
          mean((x) => x.p99),
          0,
        )} ms | ` +
          `errors ${xs.reduce((s, x) => s + x.errors + x.non2xx, 0)} | × hello ${fmt(rs.reduce((s, x) => s + x, 0) / rs.length)} | ` +
          `api ${fmt(mean((x) => x.cpuPerReq))} ms/req | db ${fmt(mean((x) => x.dbCpuPerReq))} ms/req`,
      );
    }
  } finally {
    for (const child of children.reverse()) await stopChild(child);
    for (const stop of stops.reverse()) await stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
