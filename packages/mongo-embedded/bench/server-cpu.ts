// Server CPU per operation of the embedded MongoDB-compatible server, through the real `mongodb` driver.
// The server runs as a child process (scripts/mongod-embedded, as the Jest harness and `npm run
// db:embedded` use it); its CPU time is read from /proc/<pid>/stat (utime + stime) around each phase,
// so the figure is the server's own cost per operation, without the client's.
// Run: npx tsx packages/mongo-embedded/bench/server-cpu.ts [--rounds 3]
// Goals (issue 15): < 0.25 ms server CPU per point lookup / indexed query of up to 20 documents;
// 1,000 sequential findOne through the driver in < 0.3 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mongo } from 'mongoose';

// The driver Mongoose ships (the package lists mongoose, not mongodb).
const { MongoClient, ObjectId } = mongo;
type ObjectId = InstanceType<typeof ObjectId>;

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14, 15)
}

function startChild(port: number): Promise<ChildProcess> {
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server only; the
  // command is what scripts/mongod-embedded execs.
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const loader = pathToFileURL(path.join(path.dirname(require.resolve('tsx/esm')), '../loader.mjs')).href;
  // BENCH_SERVER_CLI: another build's src/cli.ts (e.g. an older commit's, for a before/after comparison).
  const cli = process.env.BENCH_SERVER_CLI ?? path.resolve(__dirname, '../src/cli.ts');
  const child = spawn(process.execPath, [...extra, '--import', loader, cli, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('Waiting for connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

type Row = { label: string; ops: number; wallMs: number; cpuMsPerOp: number };

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;

async function measure(
  pid: number,
  label: string,
  ops: number,
  fn: (i: number) => Promise<void>,
): Promise<Row> {
  if (only && !label.includes(only)) return { label, ops: 0, wallMs: NaN, cpuMsPerOp: NaN };
  const c0 = cpuMs(pid);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) await fn(i);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = cpuMs(pid) - c0;
  return { label, ops, wallMs, cpuMsPerOp: cpu / ops };
}

async function main(): Promise<void> {
  const roundsArg = process.argv.indexOf('--rounds');
  const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 3;
  const port = 30000 + Math.floor(Math.random() * 20000);
  const child = await startChild(port);
  const pid = child.pid!;
  const client = await new MongoClient(`mongodb://127.0.0.1:${port}/bench`).connect();
  try {
    const db = client.db('bench');
    const users = db.collection('users');
    await users.createIndex({ email: 1 }, { unique: true });
    const userIds: ObjectId[] = [];
    const docs = Array.from({ length: 20_000 }, (_, i) => {
      const _id = new ObjectId();
      userIds.push(_id);
      return { _id, email: `user${i}@example.com`, name: `User ${i}`, n: i, createdAt: new Date() };
    });
    await users.insertMany(docs);
    // 1,000 sessions of 20 questions each, indexed by session (the app's question page shape).
    const questions = db.collection('questions');
    await questions.createIndex({ sessionId: 1 });
    const sessionIds = Array.from({ length: 1000 }, () => new ObjectId());
    const qs = [];
    for (let q = 0; q < 20; q++)
      for (const s of sessionIds)
        qs.push({
          sessionId: s,
          text: `Question ${q} of the session: explain the trade-offs of technique number ${q}`,
          difficulty: ['easy', 'medium', 'hard'][q % 3],
          tags: ['node', 'mongodb', 'perf'],
          answer: null,
          score: q % 10,
          createdAt: new Date(),
        });
    await questions.insertMany(qs);
    for (let i = 0; i < 500; i++) await users.findOne({ _id: userIds[i] }); // warm-up

    const results: Row[][] = [];
    for (let r = 0; r < rounds; r++) {
      const rows: Row[] = [];
      rows.push(
        await measure(pid, 'ping', 2000, async () => {
          await db.command({ ping: 1 });
        }),
      );
      rows.push(
        await measure(pid, 'point lookup by _id (findOne)', 5000, async (i) => {
          const d = await users.findOne({ _id: userIds[(i * 7919) % userIds.length] });
          if (!d) throw new Error('lookup missed');
        }),
      );
      rows.push(
        await measure(pid, 'point lookup by unique indexed email (findOne)', 5000, async (i) => {
          const d = await users.findOne({ email: `user${(i * 7919) % 20_000}@example.com` });
          if (!d) throw new Error('lookup missed');
        }),
      );
      rows.push(
        await measure(pid, 'indexed find, 20 docs (toArray)', 3000, async (i) => {
          const d = await questions.find({ sessionId: sessionIds[(i * 31) % sessionIds.length] }).toArray();
          if (d.length !== 20) throw new Error(`expected 20, got ${d.length}`);
        }),
      );
      rows.push(
        await measure(pid, 'indexed find, 20 docs, sort + projection', 3000, async (i) => {
          const d = await questions
            .find(
              { sessionId: sessionIds[(i * 31) % sessionIds.length] },
              { projection: { text: 1, score: 1 } },
            )
            .sort({ createdAt: 1 })
            .toArray();
          if (d.length !== 20) throw new Error(`expected 20, got ${d.length}`);
        }),
      );
      rows.push(
        await measure(pid, 'countDocuments by indexed field', 3000, async (i) => {
          const n = await questions.countDocuments({ sessionId: sessionIds[(i * 31) % sessionIds.length] });
          if (n !== 20) throw new Error(`expected 20, got ${n}`);
        }),
      );
      rows.push(
        await measure(pid, '1,000 sequential findOne by _id (wall)', 1000, async (i) => {
          const d = await users.findOne({ _id: userIds[(i * 104_729) % userIds.length] });
          if (!d) throw new Error('lookup missed');
        }),
      );
      results.push(rows);
    }
    console.log(
      `Embedded server in a child process (pid ${pid}); ${rounds} rounds, best round shown per row`,
    );
    console.log(
      `${'operation'.padEnd(48)} ${'ops'.padStart(6)} ${'wall ms'.padStart(9)} ${'server CPU ms/op'.padStart(17)}`,
    );
    for (let j = 0; j < results[0].length; j++) {
      const best = results.map((rows) => rows[j]).sort((a, b) => a.cpuMsPerOp - b.cpuMsPerOp)[0];
      const wall = Math.min(...results.map((rows) => rows[j].wallMs));
      console.log(
        `${best.label.padEnd(48)} ${String(best.ops).padStart(6)} ${wall.toFixed(0).padStart(9)} ${best.cpuMsPerOp.toFixed(3).padStart(17)}`,
      );
    }
    const get = (label: string) => results.map((rows) => rows.find((r) => r.label.startsWith(label))!);
    const cpuOk = ['point lookup by _id', 'indexed find, 20 docs (toArray)'].every(
      (l) => Math.min(...get(l).map((r) => r.cpuMsPerOp)) < 0.25,
    );
    const wallBest = Math.min(...get('1,000 sequential').map((r) => r.wallMs));
    if (!only)
      console.log(
        `\nGoals: server CPU < 0.25 ms/op (point lookup, 20-doc indexed find) ${cpuOk ? 'met' : 'MISSED'}; ` +
          `1,000 sequential findOne < 300 ms ${wallBest < 300 ? 'met' : 'MISSED'} (${wallBest.toFixed(0)} ms)`,
      );
  } finally {
    await client.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
