import mongoose, { type Connection } from 'mongoose';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src';
import { parseArgs } from '../src/cli';
import { canonicalKey, compareValues, formatValue } from '../src/values';
import { errorOf } from './helpers';

// Catalog, diagnostic and admin commands of the embedded server (in-process instance).
const { Binary, Decimal128, Long, MaxKey, MinKey, ObjectId, Timestamp } = mongoose.mongo;
let db: EmbeddedMongo;
let conn: Connection;

beforeAll(async () => {
  db = await startEmbeddedMongo({ port: 0, quiet: true });
  conn = await mongoose.createConnection(`${db.uri}/cmds`).asPromise();
});
afterAll(async () => {
  await conn.close();
  await db.stop();
});

describe('catalog commands', () => {
  it('listCollections with filter and nameOnly; listDatabases', async () => {
    await conn.db!.createCollection('alpha');
    await conn.collection('beta').insertOne({ x: 1 });
    const all = await conn.db!.listCollections().toArray();
    expect(all.map((c) => c.name).sort()).toEqual(['alpha', 'beta']);
    expect(all[0]).toMatchObject({ type: 'collection', options: {}, info: { readOnly: false } });
    const filtered = await conn.db!.listCollections({ name: 'beta' }, { nameOnly: true }).toArray();
    expect(filtered).toEqual([{ name: 'beta', type: 'collection' }]);
    const dbs = await conn.db!.admin().listDatabases();
    expect(dbs.databases.map((d) => d.name)).toContain('cmds');
  });

  it('renameCollection moves data and indexes; dropTarget controls overwrite', async () => {
    const src = conn.collection('ren_src');
    await src.createIndex({ k: 1 }, { unique: true });
    await src.insertOne({ k: 1 });
    await conn.collection('ren_dst').insertOne({ other: true });
    const exists = await errorOf(
      conn.db!.admin().command({ renameCollection: 'cmds.ren_src', to: 'cmds.ren_dst' }),
    );
    expect(exists.code).toBe(48);
    await conn
      .db!.admin()
      .command({ renameCollection: 'cmds.ren_src', to: 'cmds.ren_dst', dropTarget: true });
    expect(
      await conn
        .collection('ren_dst')
        .find({}, { projection: { _id: 0 } })
        .toArray(),
    ).toEqual([{ k: 1 }]);
    expect((await conn.collection('ren_dst').listIndexes().toArray()).map((i) => i.name)).toEqual([
      '_id_',
      'k_1',
    ]);
    const missing = await errorOf(conn.db!.admin().command({ renameCollection: 'cmds.nope', to: 'cmds.x' }));
    expect(missing.code).toBe(26);
  });

  it('collMod changes expireAfterSeconds and rejects unknown options', async () => {
    const c = conn.collection('ttlmod');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    const r = await conn.db!.command({
      collMod: 'ttlmod',
      index: { keyPattern: { at: 1 }, expireAfterSeconds: 120 },
    });
    expect(r).toMatchObject({ expireAfterSeconds_old: 60, expireAfterSeconds_new: 120 });
    expect((await c.listIndexes().toArray())[1].expireAfterSeconds).toBe(120);
    expect((await errorOf(conn.db!.command({ collMod: 'ttlmod', validator: { a: 1 } }))).code).toBe(72);
    expect((await errorOf(conn.db!.command({ collMod: 'nope' }))).code).toBe(26);
  });

  it('dropIndexes by name, key pattern, list and "*"; _id_ cannot be dropped', async () => {
    const c = conn.collection('dropidx');
    await c.createIndexes([{ key: { a: 1 } }, { key: { b: 1 } }, { key: { c: 1 } }, { key: { d: 1 } }]);
    await c.dropIndex({ a: 1 } as never);
    await conn.db!.command({ dropIndexes: 'dropidx', index: ['b_1'] });
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'c_1', 'd_1']);
    expect((await errorOf(c.dropIndex('_id_'))).code).toBe(72);
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    expect((await errorOf(conn.db!.command({ dropIndexes: 'nope', index: '*' }))).code).toBe(26);
  });

  it('rejects invalid index specs', async () => {
    const c = conn.collection('badidx');
    expect((await errorOf(c.createIndex({ a: 'text' }))).code).toBe(67);
    expect(
      (
        await errorOf(
          conn.db!.command({ createIndexes: 'badidx', indexes: [{ key: { a: 1 }, name: 'a', bogus: 1 }] }),
        )
      ).code,
    ).toBe(197);
    expect((await errorOf(c.createIndex({ a: 1, b: 1 }, { expireAfterSeconds: 5 }))).code).toBe(67);
    expect(await c.createIndex({ _id: 1 })).toBe('_id_1');
  });

  it('drop and dropDatabase', async () => {
    await conn.collection('todrop').insertOne({});
    expect(await conn.collection('todrop').drop()).toBe(true);
    const other = conn.useDb('cmds_other');
    await other.collection('x').insertOne({});
    await other.dropDatabase();
    expect((await conn.db!.admin().listDatabases()).databases.map((d) => d.name)).not.toContain('cmds_other');
  });
});

describe('diagnostic commands', () => {
  it('buildInfo, serverStatus, getParameter, hostInfo, connectionStatus, dbStats, collStats, validate', async () => {
    const admin = conn.db!.admin();
    expect(await admin.command({ buildInfo: 1 })).toMatchObject({ version: '7.0.14', ok: 1 });
    const status = await admin.command({ serverStatus: 1 });
    expect(status.connections.current).toBeGreaterThan(0);
    expect(await admin.command({ getParameter: 1, featureCompatibilityVersion: 1 })).toMatchObject({
      featureCompatibilityVersion: { version: '7.0' },
    });
    expect((await admin.command({ hostInfo: 1 })).system.numCores).toBeGreaterThan(0);
    expect(await admin.command({ connectionStatus: 1 })).toMatchObject({ ok: 1 });
    await conn.collection('stats').insertMany([{ a: 1 }, { a: 2 }]);
    expect(await conn.db!.command({ dbStats: 1 })).toMatchObject({ db: 'cmds', ok: 1 });
    const cs = await conn.db!.command({ collStats: 'stats' });
    expect(cs).toMatchObject({ ns: 'cmds.stats', count: 2, nindexes: 1 });
    expect(cs.size).toBeGreaterThan(0);
    expect(await conn.db!.command({ validate: 'stats' })).toMatchObject({ valid: true, nrecords: 2 });
    expect((await errorOf(conn.db!.command({ explain: { find: 'stats' } }))).code).toBe(238);
    expect((await errorOf(admin.command({ replSetGetStatus: 1 }))).code).toBe(76);
  });
});

describe('large results', () => {
  it('caps batches at 16 MiB and reports oversized computed results as BSONObjectTooLarge', async () => {
    const c = conn.collection('large');
    const s = 'x'.repeat(1024 * 1024);
    await c.insertMany(Array.from({ length: 20 }, (_, i) => ({ i, s })));
    const first = await conn.db!.command({ find: 'large', filter: {} }, { promoteLongs: false });
    expect(first.cursor.firstBatch.length).toBeLessThan(20);
    expect(first.cursor.firstBatch.length).toBeGreaterThan(10);
    expect((await c.find().toArray()).length).toBe(20);
    const err = await errorOf(c.aggregate([{ $group: { _id: null, all: { $push: '$s' } } }]).toArray());
    expect(err.code).toBe(10334);
    await c.drop();
  });
});

describe('embedded-only limits', () => {
  it('refuses numeric expressions it cannot compute exactly on Decimal128 (238)', async () => {
    await conn.collection('dec_limits').insertOne({ p: Decimal128.fromString('1.25') });
    const err = await errorOf(
      conn
        .collection('dec_limits')
        .aggregate([{ $project: { r: { $round: ['$p', 1] } } }])
        .toArray(),
    );
    expect(err.code).toBe(238);
  });
});

describe('value helpers', () => {
  it('canonical keys treat numerically equal values alike and distinguish types', () => {
    expect(canonicalKey(1)).toBe(canonicalKey(Long.fromNumber(1)));
    expect(canonicalKey(1)).toBe(canonicalKey(Decimal128.fromString('1.0')));
    expect(canonicalKey('1')).not.toBe(canonicalKey(1));
    expect(canonicalKey(null)).toBe(canonicalKey(undefined));
    expect(canonicalKey({ a: 1, b: 2 })).not.toBe(canonicalKey({ b: 2, a: 1 }));
  });

  it('compares across BSON types in MongoDB order', () => {
    const ordered = [
      new MinKey(),
      null,
      1,
      'a',
      { a: 1 },
      [1],
      new Binary(Buffer.from('x')),
      new ObjectId(),
      false,
      new Date(0),
      new Timestamp({ t: 1, i: 1 }),
      /x/,
      new MaxKey(),
    ];
    for (let i = 1; i < ordered.length; i++) expect(compareValues(ordered[i - 1], ordered[i])).toBe(-1);
    expect(compareValues(Decimal128.fromString('2.5'), 2)).toBe(1);
    expect(compareValues(Long.fromString('9007199254740993'), Long.fromString('9007199254740992'))).toBe(1);
  });

  it('formats dup-key values like mongod', () => {
    const id = new ObjectId('0123456789abcdef01234567');
    expect(formatValue({ a: 'x', b: 1, c: null, d: id, e: [1, 2] })).toBe(
      `{ a: "x", b: 1, c: null, d: ObjectId('0123456789abcdef01234567'), e: [ 1, 2 ] }`,
    );
  });
});

describe('CLI argument parsing', () => {
  it('reads mongod flags and skips the values of unknown ones', () => {
    expect(
      parseArgs([
        '--port',
        '1234',
        '--dbpath',
        '/d',
        '--storageEngine',
        'wiredTiger',
        '--bind_ip',
        'localhost',
        '--noauth',
      ]),
    ).toEqual({
      port: 1234,
      dbPath: '/d',
      host: '127.0.0.1',
      version: false,
    });
    expect(parseArgs(['--port=99', '--version'])).toMatchObject({ port: 99, version: true });
    expect(parseArgs(['--setParameter', 'ttlMonitorSleepSecs=2'])).toMatchObject({ ttlIntervalMs: 2000 });
  });
});
