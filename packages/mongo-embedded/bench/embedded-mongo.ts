// Benchmark of the embedded MongoDB-compatible server through the real driver (Mongoose's copy).
// Runs twice: server in this process (as `npm start` uses it) and in a child process (as the Jest
// harness uses it: globalSetup's server, test files in worker processes).
// Run: npm run bench:mongo
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../src';

type Timings = { insertMany: number; lookups: number; group: number };

async function time<T>(label: string, fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`  ${label.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms`);
  return { ms, result };
}

async function run(uri: string): Promise<Timings> {
  const conn = await mongoose.createConnection(`${uri}/bench`).asPromise();
  const db = conn.db!;
  try {
    await db.dropDatabase();
    const users = db.collection('users');
    await users.createIndex({ email: 1 }, { unique: true });
    const docs = Array.from({ length: 20_000 }, (_, i) => ({
      email: `user${i}@example.com`,
      name: `User ${i}`,
      n: i,
    }));
    const insertMany = (
      await time('insertMany 20,000 docs (unique index on email)', () => users.insertMany(docs))
    ).ms;

    for (let i = 0; i < 200; i++) await db.command({ ping: 1 }); // warm-up
    await time('(reference) 1,000 ping round trips', async () => {
      for (let i = 0; i < 1000; i++) await db.command({ ping: 1 });
    });
    const lookups = (
      await time('1,000 point lookups by indexed key (findOne)', async () => {
        for (let i = 0; i < 1000; i++) {
          const d = await users.findOne({ email: `user${(i * 7919) % 20_000}@example.com` });
          if (!d) throw new Error('lookup missed');
        }
      })
    ).ms;

    const events = db.collection('events');
    const kinds = ['view', 'click', 'buy', 'share', 'like'];
    const batch = Array.from({ length: 100_000 }, (_, i) => ({
      kind: kinds[i % 5],
      user: i % 1000,
      amount: i % 97,
    }));
    await time('(setup) insertMany 100,000 docs, no secondary index', () => events.insertMany(batch));
    const { ms: group, result } = await time('aggregate $group over 100,000 docs', () =>
      events
        .aggregate([
          { $group: { _id: '$kind', n: { $sum: 1 }, total: { $sum: '$amount' } } },
          { $sort: { _id: 1 } },
        ])
        .toArray(),
    );
    if (result.length !== 5 || result.reduce((s, r) => s + r.n, 0) !== 100_000)
      throw new Error('wrong aggregation result');
    await db.dropDatabase();
    return { insertMany, lookups, group };
  } finally {
    await conn.close();
  }
}

function startChild(port: number): Promise<ChildProcess> {
  const bin = path.resolve(__dirname, '../scripts/mongod-embedded');
  const child = spawn(bin, ['--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('Waiting for connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  console.log('Server in the same process:');
  const server = await startEmbeddedMongo({ port: 0, quiet: true });
  let inProc: Timings;
  try {
    inProc = await run(server.uri);
  } finally {
    await server.stop();
  }

  console.log('Server in a child process (scripts/mongod-embedded):');
  const port = 30000 + Math.floor(Math.random() * 20000);
  const child = await startChild(port);
  let external: Timings;
  try {
    external = await run(`mongodb://127.0.0.1:${port}`);
  } finally {
    child.kill('SIGTERM');
  }

  const verdict = (t: Timings) =>
    `insertMany < 2000 ms ${t.insertMany < 2000 ? 'met' : 'MISSED'}, lookups < 500 ms ${t.lookups < 500 ? 'met' : 'MISSED'}`;
  console.log(`\nGoals (same process): ${verdict(inProc)}\nGoals (child process): ${verdict(external)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
