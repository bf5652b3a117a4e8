import { Schema, mongo, type Connection, type Model } from 'mongoose';
import { errorOf, supportsTransactions, type Connector } from '../helpers';

export function txnCursorSuite(connect: Connector): void {
  // Transactions and cursors through Mongoose and the driver.
  let conn: Connection;
  let close: () => Promise<void>;
  let txnSupported = false;
  let Acct: Model<{ owner: string; balance: number }>;

  beforeAll(async () => {
    ({ conn, close } = await connect('txn'));
    Acct = conn.model(
      'Acct',
      new Schema<{ owner: string; balance: number }>({
        owner: { type: String, unique: true },
        balance: Number,
      }),
    );
    await Acct.init();
    txnSupported = await supportsTransactions(conn);
  });
  afterAll(async () => close());
  beforeEach(async () => {
    await Acct.deleteMany({});
  });

  // The driver promotes int64 replies to numbers; getMore/killCursors require int64 ids.
  const long = (id: unknown) => mongo.Long.fromString(String(id));

  // A real standalone mongod refuses transactions (code 20); these tests then have nothing to check.
  const txnIt = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      if (!txnSupported) return;
      await fn();
    });

  describe('transactions', () => {
    txnIt('commit applies all staged writes; reads inside see their own writes', async () => {
      await Acct.create([
        { owner: 'a', balance: 100 },
        { owner: 'b', balance: 0 },
      ]);
      const session = await conn.startSession();
      await session.withTransaction(async () => {
        await Acct.updateOne({ owner: 'a' }, { $inc: { balance: -30 } }, { session });
        await Acct.updateOne({ owner: 'b' }, { $inc: { balance: 30 } }, { session });
        await Acct.create([{ owner: 'c', balance: 1 }], { session });
        expect((await Acct.findOne({ owner: 'a' }).session(session).lean())!.balance).toBe(70);
        expect(await Acct.countDocuments({}).session(session)).toBe(3);
        // outside the transaction nothing is visible yet
        expect((await Acct.findOne({ owner: 'a' }).lean())!.balance).toBe(100);
        expect(await Acct.countDocuments({})).toBe(2);
      });
      await session.endSession();
      const all = await Acct.find().sort({ owner: 1 }).lean();
      expect(all.map((d) => [d.owner, d.balance])).toEqual([
        ['a', 70],
        ['b', 30],
        ['c', 1],
      ]);
    });

    txnIt('abort (callback throws) discards all writes', async () => {
      await Acct.create({ owner: 'a', balance: 100 });
      const session = await conn.startSession();
      await expect(
        session.withTransaction(async () => {
          await Acct.updateOne({ owner: 'a' }, { $set: { balance: 0 } }, { session });
          await Acct.create([{ owner: 'x', balance: 5 }], { session });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      await session.endSession();
      expect((await Acct.findOne({ owner: 'a' }).lean())!.balance).toBe(100);
      expect(await Acct.countDocuments({ owner: 'x' })).toBe(0);
    });

    txnIt('explicit abortTransaction discards; a second abort is NoSuchTransaction (251)', async () => {
      const session = await conn.startSession();
      session.startTransaction();
      await Acct.create([{ owner: 'tmp', balance: 1 }], { session });
      await session.abortTransaction();
      expect(await Acct.countDocuments({ owner: 'tmp' })).toBe(0);
      const err = await errorOf(
        conn.db!.admin().command({
          abortTransaction: 1,
          lsid: session.id,
          txnNumber: session.serverSession!.txnNumber,
          autocommit: false,
        }),
      );
      expect(err.code).toBe(251);
      await session.endSession();
    });

    txnIt('unique violations inside a transaction fail and are checked against committed data', async () => {
      await Acct.create({ owner: 'dup', balance: 1 });
      const session = await conn.startSession();
      session.startTransaction();
      const err = await errorOf(Acct.create([{ owner: 'dup', balance: 2 }], { session }));
      expect(err.code).toBe(11000);
      await session.abortTransaction().catch(() => undefined);
      await session.endSession();
      expect(await Acct.countDocuments({ owner: 'dup' })).toBe(1);
    });

    txnIt(
      'reads in a transaction come from a snapshot; conflicting writes abort with a transient error',
      async () => {
        await Acct.create({ owner: 's', balance: 1 });
        const session = await conn.startSession();
        session.startTransaction();
        expect((await Acct.findOne({ owner: 's' }).session(session).lean())!.balance).toBe(1);
        await Acct.updateOne({ owner: 's' }, { $set: { balance: 2 } }); // outside the transaction
        expect((await Acct.findOne({ owner: 's' }).session(session).lean())!.balance).toBe(1);
        const err = await errorOf(Acct.updateOne({ owner: 's' }, { $inc: { balance: 10 } }, { session }));
        expect(err.code).toBe(112);
        expect(err.errorLabelSet ? [...(err.errorLabelSet as Set<string>)] : []).toContain(
          'TransientTransactionError',
        );
        await session.abortTransaction().catch(() => undefined);
        await session.endSession();
        expect((await Acct.findOne({ owner: 's' }).lean())!.balance).toBe(2);
      },
    );

    txnIt('withTransaction retries after a write conflict and then commits', async () => {
      await Acct.create({ owner: 'r', balance: 0 });
      const session = await conn.startSession();
      let attempts = 0;
      await session.withTransaction(async () => {
        attempts++;
        await Acct.findOne({ owner: 'r' }).session(session);
        if (attempts === 1) await Acct.updateOne({ owner: 'r' }, { $inc: { balance: 100 } }); // concurrent writer
        await Acct.updateOne({ owner: 'r' }, { $inc: { balance: 1 } }, { session });
      });
      await session.endSession();
      expect(attempts).toBe(2);
      expect((await Acct.findOne({ owner: 'r' }).lean())!.balance).toBe(101);
    });

    txnIt(
      'a unique key committed by someone else during the transaction makes the retry fail with 11000',
      async () => {
        const session = await conn.startSession();
        let attempts = 0;
        const err = await errorOf(
          session.withTransaction(async () => {
            attempts++;
            await Acct.countDocuments({}).session(session); // snapshot taken here
            if (attempts === 1) await Acct.create({ owner: 'race', balance: 1 }); // concurrent commit
            await Acct.create([{ owner: 'race', balance: 2 }], { session });
          }),
        );
        await session.endSession();
        expect(err.code).toBe(11000);
        expect(await Acct.find({ owner: 'race' }).lean()).toMatchObject([{ balance: 1 }]);
      },
    );

    txnIt('connection.transaction() commits through Mongoose', async () => {
      await conn.transaction(async (session) => {
        await Acct.create(
          [
            { owner: 'm1', balance: 1 },
            { owner: 'm2', balance: 2 },
          ],
          { session, ordered: true },
        );
      });
      expect(await Acct.countDocuments()).toBe(2);
    });
  });

  describe('cursors', () => {
    beforeEach(async () => {
      await conn.collection('cur').deleteMany({});
      await conn.collection('cur').insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    });

    it('returns the default first batch of 101 and the rest via getMore', async () => {
      const cursor = conn.collection('cur').find({}).sort({ i: 1 });
      const all = await cursor.toArray();
      expect(all.length).toBe(250);
      expect(all[249].i).toBe(249);
      const raw = await conn.db!.command({ find: 'cur', filter: {}, sort: { i: 1 } });
      expect(raw.cursor.firstBatch.length).toBe(101);
      expect(raw.cursor.id.toString()).not.toBe('0');
      const more = await conn.db!.command({
        getMore: long(raw.cursor.id),
        collection: 'cur',
        batchSize: 100,
      });
      expect(more.cursor.nextBatch.length).toBe(100);
      expect(more.cursor.nextBatch[0].i).toBe(101);
      await conn.db!.command({ killCursors: 'cur', cursors: [long(raw.cursor.id)] });
    });

    it('honours batchSize and limit', async () => {
      const raw = await conn.db!.command({
        find: 'cur',
        filter: {},
        sort: { i: 1 },
        batchSize: 10,
        limit: 25,
      });
      expect(raw.cursor.firstBatch.length).toBe(10);
      const more = await conn.db!.command({ getMore: long(raw.cursor.id), collection: 'cur' });
      expect(more.cursor.nextBatch.length).toBe(15);
      expect(more.cursor.id.toString()).toBe('0');
      const docs = await conn.collection('cur').find({}, { batchSize: 7 }).limit(30).toArray();
      expect(docs.length).toBe(30);
    });

    it('killCursors kills; getMore on a killed or unknown cursor is CursorNotFound (43)', async () => {
      const raw = await conn.db!.command({ find: 'cur', filter: {}, batchSize: 5 });
      const killed = await conn.db!.command({ killCursors: 'cur', cursors: [long(raw.cursor.id)] });
      expect(killed.cursorsKilled.map(String)).toEqual([raw.cursor.id.toString()]);
      const err = await errorOf(conn.db!.command({ getMore: long(raw.cursor.id), collection: 'cur' }));
      expect(err).toMatchObject({ code: 43, codeName: 'CursorNotFound' });
    });

    it('open sorted cursors are not shifted by later writes', async () => {
      const raw = await conn.db!.command({ find: 'cur', filter: {}, sort: { i: -1 }, batchSize: 10 });
      expect(raw.cursor.firstBatch[0].i).toBe(249);
      await conn.collection('cur').deleteMany({ i: { $lt: 200 } });
      await conn.collection('cur').updateMany({}, { $set: { touched: true } });
      const more = await conn.db!.command({ getMore: long(raw.cursor.id), collection: 'cur', batchSize: 5 });
      expect(more.cursor.nextBatch.map((d: { i: number }) => d.i)).toEqual([239, 238, 237, 236, 235]);
      await conn.db!.command({ killCursors: 'cur', cursors: [long(raw.cursor.id)] });
    });

    it('streams large results through Mongoose cursors', async () => {
      const M = conn.model('Cur', new Schema({ i: Number }), 'cur');
      let n = 0;
      for await (const d of M.find().sort({ i: 1 }).batchSize(50).cursor()) {
        expect(d.i).toBe(n);
        n++;
      }
      expect(n).toBe(250);
    });
  });
}
