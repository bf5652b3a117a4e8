import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import net from 'node:net';

/**
 * "Acknowledged" means kept: a separately started embedded server (its CLI, as `npm run db:embedded`)
 * is killed with SIGKILL while clients insert and update; after a restart on the same --dbpath every
 * acknowledged write is there. The write log is then compacted into the snapshots on a clean stop.
 */
const ROOT = path.resolve(__dirname, '..');

/** A port nothing listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
const BIN = path.join(ROOT, 'scripts/mongod-embedded');

function startCli(port: number, dbPath: string): Promise<ChildProcess> {
  const child = spawn(BIN, ['--port', String(port), '--dbpath', dbPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`embedded server did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Waiting for connections')) {
        clearTimeout(t);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`embedded server exited early (${code}): ${out}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });

describe('embedded server durability', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-durability-'));
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && !c.signalCode) c.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged insert and update across kill -9, then compacts the log on a clean stop', async () => {
    const port = await freePort();
    const first = await startCli(port, dir);
    children.push(first);
    const uri = `mongodb://127.0.0.1:${port}/durability`;
    const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 2000 }).asPromise();
    const items = conn.db!.collection('items');
    const counters = conn.db!.collection('counters');
    await counters.insertOne({ _id: 'c' as never, n: 0 });

    const acked = new Set<string>();
    let lastCount = 0;
    let killed = false;
    const enoughAcks = new Promise<void>((resolve) => {
      const writer = async (w: number) => {
        for (let i = 0; !killed; i++) {
          const id = `w${w}-${i}`;
          try {
            await items.insertOne({ _id: id as never, w, i, at: new Date() });
            acked.add(id);
            if (acked.size >= 300) resolve();
          } catch {
            return; // the server is gone
          }
        }
      };
      const counter = async () => {
        while (!killed) {
          try {
            const r = await counters.findOneAndUpdate(
              { _id: 'c' as never },
              { $inc: { n: 1 } },
              { returnDocument: 'after' },
            );
            lastCount = (r as { n: number } | null)?.n ?? lastCount;
          } catch {
            return;
          }
        }
      };
      for (let w = 0; w < 6; w++) void writer(w);
      void counter();
    });
    await enoughAcks;
    // Kill in the middle of the write stream, with requests in flight.
    killed = true;
    first.kill('SIGKILL');
    await exited(first);
    await conn.close(true).catch(() => undefined);
    const ackedIds = [...acked];
    const countAtKill = lastCount;

    const second = await startCli(port, dir);
    children.push(second);
    const conn2 = await mongoose.createConnection(uri).asPromise();
    const kept = await conn2
      .db!.collection('items')
      .find({ _id: { $in: ackedIds as never[] } })
      .project({ _id: 1 })
      .toArray();
    expect(kept.length).toBe(ackedIds.length);
    const c = await conn2.db!.collection('counters').findOne({ _id: 'c' as never });
    expect(c!.n).toBeGreaterThanOrEqual(countAtKill);
    // The server works normally after the replay (indexes rebuilt: a duplicate _id is refused).
    await expect(
      conn2.db!.collection('items').insertOne({ _id: ackedIds[0] as never }),
    ).rejects.toMatchObject({
      code: 11000,
    });
    await conn2.close();

    // A clean stop compacts the log into the snapshots.
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
    expect(fs.statSync(path.join(dir, 'embedded-mongo', 'wal.log')).size).toBe(0);

    // A torn record at the end of the log (a write cut short) is ignored, never half-applied.
    fs.appendFileSync(path.join(dir, 'embedded-mongo', 'wal.log'), Buffer.from([40, 0, 0, 0, 1, 2, 3]));
    const third = await startCli(port, dir);
    children.push(third);
    const conn3 = await mongoose.createConnection(uri).asPromise();
    expect(await conn3.db!.collection('items').countDocuments({ _id: { $in: ackedIds as never[] } })).toBe(
      ackedIds.length,
    );
    await conn3.close();
    third.kill('SIGTERM');
    expect(await exited(third)).toBe(0);
  }, 120_000);
});
