import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Schema } from 'mongoose';
import { MongoMemoryServer } from 'mongodb-memory-server-core';
import { startEmbeddedMongo } from '../src';

// Embedded-server specific behaviour: TTL monitor, idle cursor timeout, persistence, CLI and the
// mongodb-memory-server bridge. Each test starts its own instance.
const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'scripts/mongod-embedded');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-test-'));

async function waitFor(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(25);
  }
  throw new Error('condition not met in time');
}

describe('TTL monitor', () => {
  it('deletes documents whose indexed date is older than expireAfterSeconds', async () => {
    const db = await startEmbeddedMongo({ port: 0, ttlIntervalMs: 50, quiet: true });
    const conn = await mongoose.createConnection(`${db.uri}/ttl`).asPromise();
    try {
      const Session = conn.model(
        'Session',
        new Schema({ token: String, createdAt: { type: Date, expires: 1 } }),
      );
      await Session.init();
      const old = new Date(Date.now() - 5000);
      await Session.create([
        { token: 'old', createdAt: old },
        { token: 'fresh', createdAt: new Date(Date.now() + 60_000) },
        { token: 'nodate' },
      ]);
      await conn
        .collection('sessions')
        .insertOne({ token: 'array', createdAt: [new Date(Date.now() + 60_000), old] });
      await waitFor(async () => (await Session.countDocuments()) === 2);
      expect((await Session.find().sort({ token: 1 }).lean()).map((s) => s.token)).toEqual([
        'fresh',
        'nodate',
      ]);
    } finally {
      await conn.close();
      await db.stop();
    }
  });
});

describe('cursor idle timeout', () => {
  it('expires idle cursors with CursorNotFound', async () => {
    const db = await startEmbeddedMongo({ port: 0, cursorTimeoutMs: 100, quiet: true });
    const conn = await mongoose.createConnection(`${db.uri}/cur`).asPromise();
    try {
      await conn.collection('c').insertMany(Array.from({ length: 10 }, (_, i) => ({ i })));
      const r = await conn.db!.command({ find: 'c', filter: {}, batchSize: 2 }, { promoteLongs: false });
      const pinned = await conn.db!.command(
        { find: 'c', filter: {}, batchSize: 2, noCursorTimeout: true },
        { promoteLongs: false },
      );
      await sleep(400);
      const more = await conn.db!.command({ getMore: pinned.cursor.id, collection: 'c' });
      expect(more.cursor.nextBatch).toHaveLength(8);
      await expect(conn.db!.command({ getMore: r.cursor.id, collection: 'c' })).rejects.toMatchObject({
        code: 43,
      });
    } finally {
      await conn.close();
      await db.stop();
    }
  });
});

describe('persistence with dbPath', () => {
  it('keeps documents, indexes and types across a restart, and forgets dropped data', async () => {
    const dir = tmpDir();
    let db = await startEmbeddedMongo({ port: 0, dbPath: dir, quiet: true });
    let conn = await mongoose.createConnection(`${db.uri}/persist`).asPromise();
    const { Decimal128, Long } = mongoose.mongo;
    await conn.collection('users').createIndex({ email: 1 }, { unique: true });
    await conn.collection('users').insertMany([
      { email: 'a', amount: Decimal128.fromString('1.10'), big: Long.fromString('9007199254740993') },
      { email: 'b', when: new Date('2020-01-01T00:00:00Z') },
    ]);
    await conn.collection('gone').insertOne({ x: 1 });
    await conn.collection('gone').drop();
    await conn.close();
    await db.stop(); // flushes

    db = await startEmbeddedMongo({ port: 0, dbPath: dir, quiet: true });
    conn = await mongoose.createConnection(`${db.uri}/persist`).asPromise();
    try {
      const users = await conn
        .collection('users')
        .find({}, { promoteValues: false })
        .sort({ email: 1 })
        .toArray();
      expect(users.map((u) => String(u.email))).toEqual(['a', 'b']);
      expect(users[0].amount.toString()).toBe('1.10');
      expect(users[0].big.toString()).toBe('9007199254740993');
      expect((users[1].when as Date).toISOString()).toBe('2020-01-01T00:00:00.000Z');
      await expect(conn.collection('users').insertOne({ email: 'a' })).rejects.toMatchObject({ code: 11000 });
      const names = (await conn.db!.listCollections().toArray()).map((c) => c.name);
      expect(names).toEqual(['users']);
    } finally {
      await conn.close();
      await db.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes debounced after changes, with no temp files left behind', async () => {
    const dir = tmpDir();
    const db = await startEmbeddedMongo({ port: 0, dbPath: dir, quiet: true });
    const conn = await mongoose.createConnection(`${db.uri}/deb`).asPromise();
    try {
      await conn.collection('c').insertOne({ x: 1 });
      const file = path.join(dir, 'embedded-mongo', 'deb', 'c.embedded.bson');
      await waitFor(async () => fs.existsSync(file));
      const files = fs.readdirSync(path.dirname(file));
      expect(files).toEqual(['c.embedded.bson']);
    } finally {
      await conn.close();
      await db.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function startCli(args: string[]): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`CLI did not start: ${out}`)), 15_000);
    child.stdout!.on('data', () => {
      if (out.includes('Waiting for connections')) {
        clearTimeout(t);
        resolve({ child, output: () => out });
      }
    });
    child.once('exit', (code) => reject(new Error(`CLI exited early (${code}): ${out}`)));
  });
}

describe('CLI (scripts/mongod-embedded)', () => {
  it('prints the version like mongod', async () => {
    const out = await new Promise<string>((resolve) => {
      const c = spawn(BIN, ['--version']);
      let s = '';
      c.stdout.on('data', (d) => (s += d));
      c.on('exit', () => resolve(s));
    });
    expect(out).toMatch(/^db version v7\.0\.\d+/);
  });

  it('serves on --port, ignores unknown mongod flags, persists with --dbpath and exits 0 on SIGTERM', async () => {
    const dir = tmpDir();
    const argsFor = (port: number) => [
      '--port',
      String(port),
      '--dbpath',
      dir,
      '--bind_ip',
      '127.0.0.1',
      '--storageEngine',
      'wiredTiger',
      '--noauth',
    ];
    // Ports below Linux's ephemeral range (32768+), so no outgoing connection holds one; another test
    // may still take it between the pick and the listen, so a taken port is simply picked again.
    let port = 0;
    let child!: ChildProcess;
    for (let attempt = 1; !port; attempt++) {
      const candidate = 10_000 + Math.floor(Math.random() * 20_000);
      try {
        ({ child } = await startCli(argsFor(candidate)));
        port = candidate;
      } catch (err) {
        if (attempt >= 5 || !String(err).includes('EADDRINUSE')) throw err;
      }
    }
    const args = argsFor(port);
    const conn = await mongoose.createConnection(`mongodb://127.0.0.1:${port}/cli`).asPromise();
    await conn.collection('things').insertOne({ name: 'kept' });
    await conn.close();
    let exit = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);

    ({ child } = await startCli(args));
    const conn2 = await mongoose.createConnection(`mongodb://127.0.0.1:${port}/cli`).asPromise();
    expect(await conn2.collection('things').findOne({}, { projection: { _id: 0 } })).toEqual({
      name: 'kept',
    });
    await conn2.close();
    exit = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('works as mongodb-memory-server systemBinary', async () => {
    const server = await MongoMemoryServer.create({ binary: { systemBinary: BIN, version: '7.0.14' } });
    try {
      const conn = await mongoose.createConnection(server.getUri('mms')).asPromise();
      const M = conn.model('M', new Schema({ k: { type: String, unique: true } }));
      await M.init();
      await M.create({ k: 'x' });
      await expect(M.create({ k: 'x' })).rejects.toMatchObject({ code: 11000 });
      expect(await M.countDocuments()).toBe(1);
      await conn.close();
    } finally {
      await server.stop();
    }
  });
});
