import mongoose, { type Connection } from 'mongoose';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src';

// The embedded server presents the topology it behaves like: the primary of a one-member replica set
// (it accepts transactions, as a replica set does and a standalone mongod does not).
describe('topology: one-member replica set', () => {
  let db: EmbeddedMongo;
  let conn: Connection;

  beforeAll(async () => {
    db = await startEmbeddedMongo({ port: 0, quiet: true });
    conn = await mongoose.createConnection(`${db.uri}/topology`).asPromise();
  });
  afterAll(async () => {
    await conn?.close();
    await db?.stop();
  });

  it('hello describes a writable primary of replica set rs0 at the address clients reach', async () => {
    const hello = await conn.db!.admin().command({ hello: 1 });
    const address = db.uri.replace('mongodb://', '');
    expect(hello).toMatchObject({
      ok: 1,
      isWritablePrimary: true,
      secondary: false,
      setName: 'rs0',
      setVersion: 1,
      hosts: [address],
      primary: address,
      me: address,
      logicalSessionTimeoutMinutes: 30,
    });
    expect(hello.electionId).toBeDefined();
    expect(hello.topologyVersion).toBeUndefined();
  });

  it('the driver discovers a replica set (no directConnection needed)', () => {
    // The driver's topology is not in its public types; its description is what server selection uses.
    const client = conn.getClient() as unknown as {
      topology?: { description: { type: string; setName?: string } };
    };
    const description = client.topology?.description;
    expect(description?.type).toBe('ReplicaSetWithPrimary');
    expect(description?.setName).toBe('rs0');
  });

  it('connects with ?replicaSet=rs0, as compose and Atlas URIs do, and commits a transaction', async () => {
    const rs = await mongoose.createConnection(`${db.uri}/topology_rs?replicaSet=rs0`).asPromise();
    try {
      const coll = rs.collection('accounts');
      await coll.insertMany([
        { _id: 'a' as never, balance: 100 },
        { _id: 'b' as never, balance: 0 },
      ]);
      const session = await rs.startSession();
      try {
        await session.withTransaction(async () => {
          await coll.updateOne({ _id: 'a' as never }, { $inc: { balance: -40 } }, { session });
          await coll.updateOne({ _id: 'b' as never }, { $inc: { balance: 40 } }, { session });
        });
      } finally {
        await session.endSession();
      }
      const docs = await coll.find({}).sort({ _id: 1 }).toArray();
      expect(docs.map((d) => d.balance)).toEqual([60, 40]);
    } finally {
      await rs.dropDatabase();
      await rs.close();
    }
  });

  it('an aborted transaction leaves nothing behind; retryable writes (txnNumber without autocommit) apply once', async () => {
    const coll = conn.collection('ledger');
    const session = await conn.startSession();
    try {
      session.startTransaction();
      await coll.insertOne({ n: 1 }, { session });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await coll.countDocuments({})).toBe(0);
    await coll.insertOne({ n: 2 }); // retryWrites is on by default against a replica set
    expect(await coll.countDocuments({})).toBe(1);
  });
});
