import net from 'node:net';
import { BSON, Long } from 'bson';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src';
import { MessageFramer, OP_MSG, OP_QUERY, OP_REPLY, documentBytes, encodeMsg } from '../src/wire';

// Wire-level behaviour the driver depends on, checked with hand-built messages on a raw socket.
let db: EmbeddedMongo;
let sock: net.Socket;
let framer: MessageFramer;
const pending: Array<(b: Buffer) => void> = [];
const received: Buffer[] = [];

function onData(chunk: Buffer): void {
  for (const m of framer.push(chunk)) {
    const waiter = pending.shift();
    if (waiter) waiter(m);
    else received.push(m);
  }
}
function nextMessage(timeoutMs = 1000): Promise<Buffer> {
  const ready = received.shift();
  if (ready) return Promise.resolve(ready);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      pending.splice(pending.indexOf(done), 1);
      reject(new Error('timeout'));
    }, timeoutMs);
    const done = (b: Buffer) => {
      clearTimeout(t);
      resolve(b);
    };
    pending.push(done);
  });
}

let reqId = 100;
function opMsg(body: object, opts: { flags?: number; seq?: [string, object[]] } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(BSON.serialize(body))];
  if (opts.seq) {
    const [id, docs] = opts.seq;
    const payload = Buffer.concat([
      Buffer.from(id + '\0'),
      ...docs.map((d) => Buffer.from(BSON.serialize(d))),
    ]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    parts.push(Buffer.from([1]), size, payload);
  }
  const bodyBuf = Buffer.concat(parts);
  const head = Buffer.alloc(20);
  head.writeInt32LE(20 + bodyBuf.length, 0);
  head.writeInt32LE(++reqId, 4);
  head.writeInt32LE(0, 8);
  head.writeInt32LE(OP_MSG, 12);
  head.writeUInt32LE(opts.flags ?? 0, 16);
  return Buffer.concat([head, bodyBuf]);
}
function opQuery(ns: string, query: object): Buffer {
  const q = Buffer.from(BSON.serialize(query));
  const nsBuf = Buffer.from(ns + '\0');
  const buf = Buffer.alloc(16 + 4 + nsBuf.length + 8 + q.length);
  buf.writeInt32LE(buf.length, 0);
  buf.writeInt32LE(++reqId, 4);
  buf.writeInt32LE(OP_QUERY, 12);
  nsBuf.copy(buf, 20);
  buf.writeInt32LE(-1, 20 + nsBuf.length + 4);
  q.copy(buf, 20 + nsBuf.length + 8);
  return buf;
}
function msgBody(m: Buffer): Record<string, unknown> {
  expect(m.readInt32LE(12)).toBe(OP_MSG);
  expect(m[20]).toBe(0);
  return BSON.deserialize(m.subarray(21), { promoteLongs: false });
}
async function command(body: object, seq?: [string, object[]]): Promise<Record<string, unknown>> {
  sock.write(opMsg(body, { seq }));
  return msgBody(await nextMessage());
}

beforeAll(async () => {
  db = await startEmbeddedMongo({ port: 0, quiet: true });
  framer = new MessageFramer();
  sock = net.connect(db.port, '127.0.0.1');
  sock.on('data', onData);
  await new Promise((r) => sock.once('connect', r));
});
afterAll(async () => {
  sock.destroy();
  await db.stop();
});

describe('wire protocol', () => {
  it('answers the legacy OP_QUERY ismaster handshake with OP_REPLY', async () => {
    sock.write(opQuery('admin.$cmd', { ismaster: 1, helloOk: true, client: { driver: { name: 'test' } } }));
    const m = await nextMessage();
    expect(m.readInt32LE(12)).toBe(OP_REPLY);
    expect(m.readInt32LE(8)).toBe(reqId);
    expect(m.readInt32LE(32)).toBe(1); // numberReturned
    const doc = BSON.deserialize(m.subarray(36));
    expect(doc).toMatchObject({
      ok: 1,
      ismaster: true,
      maxWireVersion: 21,
      minWireVersion: 0,
      logicalSessionTimeoutMinutes: 30,
    });
    expect(doc).toHaveProperty('maxBsonObjectSize', 16777216);
    expect(doc).not.toHaveProperty('topologyVersion');
  });

  it('hello over OP_MSG echoes responseTo and reports a writable primary', async () => {
    const r = await command({ hello: 1, $db: 'admin' });
    expect(r).toMatchObject({ ok: 1, isWritablePrimary: true, maxWriteBatchSize: 100000 });
    expect(r.localTime).toBeInstanceOf(Date);
  });

  it('merges kind-1 document sequences into the command', async () => {
    const r = await command({ insert: 'seq', $db: 'wire', ordered: true }, [
      'documents',
      [{ _id: 1 }, { _id: 2 }, { _id: 3 }],
    ]);
    expect(r).toMatchObject({ n: 3, ok: 1 });
    const f = await command({ find: 'seq', filter: {}, $db: 'wire' });
    expect((f.cursor as { firstBatch: unknown[] }).firstBatch).toEqual([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
  });

  it('does not reply to moreToCome requests but executes them', async () => {
    sock.write(
      opMsg(
        { insert: 'quiet', documents: [{ _id: 'q' }], $db: 'wire', writeConcern: { w: 0 } },
        { flags: 0x2 },
      ),
    );
    await expect(nextMessage(200)).rejects.toThrow('timeout');
    const f = await command({ count: 'quiet', $db: 'wire' });
    expect(f).toMatchObject({ n: 1, ok: 1 });
  });

  it('reassembles messages split across TCP chunks and handles several per chunk', async () => {
    const a = opMsg({ ping: 1, $db: 'admin' });
    const b = opMsg({ ping: 1, $db: 'admin', comment: 'second' });
    const joined = Buffer.concat([a, b]);
    sock.write(joined.subarray(0, 3));
    await new Promise((r) => setTimeout(r, 20));
    sock.write(joined.subarray(3, a.length + 5));
    await new Promise((r) => setTimeout(r, 20));
    sock.write(joined.subarray(a.length + 5));
    expect(msgBody(await nextMessage())).toEqual({ ok: 1 });
    expect(msgBody(await nextMessage())).toEqual({ ok: 1 });
  });

  it('returns int64 cursor ids and CursorNotFound for unknown ids', async () => {
    await command({ insert: 'many', documents: Array.from({ length: 5 }, (_, i) => ({ i })), $db: 'wire' });
    const r = await command({ find: 'many', filter: {}, batchSize: 2, $db: 'wire' });
    const cursor = r.cursor as { id: Long; ns: string };
    expect(cursor.id).toBeInstanceOf(Long);
    expect(cursor.ns).toBe('wire.many');
    const err = await command({ getMore: Long.fromNumber(987654321), collection: 'many', $db: 'wire' });
    expect(err).toMatchObject({ ok: 0, code: 43, codeName: 'CursorNotFound' });
  });

  it('unknown commands fail with CommandNotFound (59), missing $db with InvalidNamespace', async () => {
    expect(await command({ frobnicate: 1, $db: 'admin' })).toMatchObject({
      ok: 0,
      code: 59,
      codeName: 'CommandNotFound',
    });
    expect(await command({ ping: 1 })).toMatchObject({ ok: 0, code: 73 });
  });

  it('rejects unsupported opcodes with an error reply', async () => {
    const buf = Buffer.alloc(16 + 9);
    buf.writeInt32LE(buf.length, 0);
    buf.writeInt32LE(++reqId, 4);
    buf.writeInt32LE(2012, 12); // OP_COMPRESSED (never advertised)
    sock.write(buf);
    const r = msgBody(await nextMessage());
    expect(r).toMatchObject({ ok: 0 });
    expect(String(r.errmsg)).toMatch(/opCode 2012/);
  });

  it('reports unsupported features loudly', async () => {
    expect(await command({ find: 'many', filter: { $text: { $search: 'x' } }, $db: 'wire' })).toMatchObject({
      ok: 0,
      code: 27,
    });
    expect(
      await command({ aggregate: 'many', pipeline: [{ $changeStream: {} }], cursor: {}, $db: 'wire' }),
    ).toMatchObject({ ok: 0, code: 40573 });
    expect(await command({ find: 'many', filter: { loc: { $near: [0, 0] } }, $db: 'wire' })).toMatchObject({
      ok: 0,
      code: 2,
    });
    expect(
      await command({
        aggregate: 'many',
        pipeline: [{ $merge: { into: 'x', whenMatched: [{ $set: { a: 1 } }] } }],
        cursor: {},
        $db: 'wire',
      }),
    ).toMatchObject({ ok: 0, code: 238 });
    expect(await command({ create: 'capped', capped: true, size: 1000, $db: 'wire' })).toMatchObject({
      ok: 0,
      code: 238,
    });
  });

  it('encodes cursor replies from cached document bytes exactly as BSON.serialize does', () => {
    const docs = [
      { _id: new BSON.ObjectId(), a: 1, s: 'héllo', arr: [1, { x: new Date(0) }], u: undefined, n: null },
      {},
      { big: new Long(5), d: new BSON.Double(3), dec: new BSON.Decimal128('1.5') },
    ];
    for (const batch of [docs, [], Array.from({ length: 12 }, (_, i) => ({ i }))])
      for (const key of ['firstBatch', 'nextBatch']) {
        const body = { cursor: { [key]: batch, id: Long.fromNumber(123456789012), ns: 'wire.cöll' }, ok: 1 };
        const msg = encodeMsg(9, body);
        expect(msg.readInt32LE(0)).toBe(msg.length);
        expect(msg.readInt32LE(12)).toBe(OP_MSG);
        expect(
          Buffer.from(msg.subarray(21)).equals(
            Buffer.from(BSON.serialize(body, { ignoreUndefined: true, checkKeys: false })),
          ),
        ).toBe(true);
      }
    // Encoded once per (immutable) document object.
    expect(documentBytes(docs[0])).toBe(documentBytes(docs[0]));
    // Any other reply shape goes through BSON.serialize.
    const other = { cursor: { firstBatch: [], id: Long.ZERO, ns: 'wire.x', extra: 1 }, ok: 1 };
    expect(BSON.deserialize(encodeMsg(1, other).subarray(21))).toEqual(
      BSON.deserialize(BSON.serialize(other)),
    );
  });
});
