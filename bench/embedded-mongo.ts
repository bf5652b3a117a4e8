// Benchmark of the embedded MongoDB-compatible server through the real driver (Mongoose's copy).
// Run: npm run bench:mongo
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../src/embedded/mongo';

async function time<T>(label: string, fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`${label.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms`);
  return { ms, result };
}

async function main(): Promise<void> {
  const server = await startEmbeddedMongo({ port: 0, quiet: true });
  const conn = await mongoose.createConnection(`${server.uri}/bench`).asPromise();
  const db = conn.db!;
  const results: Record<string, number> = {};
  try {
    const users = db.collection('users');
    await users.createIndex({ email: 1 }, { unique: true });
    const docs = Array.from({ length: 20_000 }, (_, i) => ({ email: `user${i}@example.com`, name: `User ${i}`, n: i }));
    results.insertMany = (await time('insertMany 20,000 docs (unique index on email)', () => users.insertMany(docs))).ms;

    results.lookups = (
      await time('1,000 point lookups by indexed key (findOne)', async () => {
        for (let i = 0; i < 1000; i++) {
          const d = await users.findOne({ email: `user${(i * 7919) % 20_000}@example.com` });
          if (!d) throw new Error('lookup missed');
        }
      })
    ).ms;

    const events = db.collection('events');
    const kinds = ['view', 'click', 'buy', 'share', 'like'];
    const batch = Array.from({ length: 100_000 }, (_, i) => ({ kind: kinds[i % 5], user: i % 1000, amount: i % 97 }));
    await time('(setup) insertMany 100,000 docs, no secondary index', () => events.insertMany(batch));
    const { ms, result } = await time('aggregate $group over 100,000 docs', () =>
      events.aggregate([{ $group: { _id: '$kind', n: { $sum: 1 }, total: { $sum: '$amount' } } }, { $sort: { _id: 1 } }]).toArray(),
    );
    results.group = ms;
    if (result.length !== 5 || result.reduce((s, r) => s + r.n, 0) !== 100_000) throw new Error('wrong aggregation result');
    console.log(
      `\nGoals: insertMany < 2000 ms: ${results.insertMany < 2000 ? 'met' : 'MISSED'}; ` +
        `lookups < 500 ms: ${results.lookups < 500 ? 'met' : 'MISSED'}`,
    );
  } finally {
    await conn.close();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
