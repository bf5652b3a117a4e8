// CPU per message of the embedded server without sockets: EmbeddedMongoServer.handleMessage (parse, plan,
// execute, encode) on prebuilt OP_MSG buffers, 4,000 per case after 1,000 warm-up, 3 rounds.
// Run: npx tsx packages/mongo-embedded/bench/handle-message.ts
// BENCH_OLD_SERVER=/abs/path/to/<old checkout>/packages/mongo-embedded/src/server.ts alternates an older
// build with this one (how the "before" figures in bench/README.md were taken).
import path from 'node:path';
import { ObjectId, serialize } from 'bson';
import type { EmbeddedMongoServer as Server } from '../src/server';

type Internals = { handleMessage(buf: Buffer, connectionId: number): Buffer | null };
async function measure(label: string, mod: string) {
  const { EmbeddedMongoServer } = (await import(mod)) as { EmbeddedMongoServer: typeof Server };
  const s = new EmbeddedMongoServer({ port: 0 });
  await s.start();
  const sessions = Array.from({ length: 200 }, () => new ObjectId());
  s.runCommand(
    { createIndexes: 'q', indexes: [{ key: { sessionId: 1 }, name: 'sessionId_1' }], $db: 'b' },
    'b',
    1,
  );
  const docs: Array<{ _id: ObjectId }> = [];
  for (let q = 0; q < 20; q++)
    for (const sid of sessions)
      docs.push({
        _id: new ObjectId(),
        sessionId: sid,
        text: `Question ${q} explain trade-offs of technique ${q}`,
        difficulty: 'hard',
        tags: ['a', 'b'],
        score: q,
        createdAt: new Date(),
      } as { _id: ObjectId });
  s.runCommand({ insert: 'q', documents: docs, $db: 'b' }, 'b', 1);
  const msg = (cmd: object) => {
    const b = Buffer.from(serialize(cmd));
    const out = Buffer.alloc(21 + b.length);
    out.writeInt32LE(out.length, 0);
    out.writeInt32LE(1, 4);
    out.writeInt32LE(0, 8);
    out.writeInt32LE(2013, 12);
    out.writeUInt32LE(0, 16);
    out[20] = 0;
    b.copy(out, 21);
    return out;
  };
  const cases: Array<[string, (i: number) => Buffer]> = [
    ['find 20 docs', (i) => msg({ find: 'q', filter: { sessionId: sessions[i % 200] }, $db: 'b' })],
    [
      'find 20 + sort + projection',
      (i) =>
        msg({
          find: 'q',
          filter: { sessionId: sessions[i % 200] },
          sort: { createdAt: 1 },
          projection: { text: 1, score: 1 },
          $db: 'b',
        }),
    ],
    [
      'findOne by _id',
      (i) =>
        msg({
          find: 'q',
          filter: { _id: docs[(i * 7) % docs.length]._id },
          limit: 1,
          singleBatch: true,
          $db: 'b',
        }),
    ],
    [
      'countDocuments',
      (i) =>
        msg({
          aggregate: 'q',
          pipeline: [{ $match: { sessionId: sessions[i % 200] } }, { $group: { _id: 1, n: { $sum: 1 } } }],
          cursor: {},
          $db: 'b',
        }),
    ],
  ];
  const out: string[] = [];
  for (const [name, mk] of cases) {
    const bufs = Array.from({ length: 4000 }, (_, i) => mk(i));
    for (let i = 0; i < 1000; i++) (s as unknown as Internals).handleMessage(bufs[i], 1);
    const c0 = process.cpuUsage();
    for (let i = 0; i < 4000; i++) (s as unknown as Internals).handleMessage(bufs[i], 1);
    const c = process.cpuUsage(c0);
    out.push(`${name}: ${((c.user + c.system) / 1000 / 4000).toFixed(4)} ms`);
  }
  console.log(label, out.join(' | '));
  await s.stop();
}
async function main(): Promise<void> {
  const current = path.resolve(__dirname, '../src/server.ts');
  for (let r = 0; r < 3; r++) {
    if (process.env.BENCH_OLD_SERVER) await measure('before', process.env.BENCH_OLD_SERVER);
    await measure('this build', current);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
