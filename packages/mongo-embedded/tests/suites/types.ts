import { Schema, Types, mongo, type Connection } from 'mongoose';
import { errorOf, type Connector } from '../helpers';

export function typesSuite(connect: Connector): void {
  // BSON type fidelity (round trips, $type, numeric comparisons across types), collation and populate.
  const { Binary, Decimal128, Double, Int32, Long, UUID } = mongo;
  let conn: Connection;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ conn, close } = await connect('types'));
  });
  afterAll(async () => close());

  describe('BSON types', () => {
    it('round-trip unchanged (checked with promoteValues:false)', async () => {
      const c = conn.collection('types');
      const oid = new Types.ObjectId();
      const date = new Date('2025-03-04T05:06:07.089Z');
      const uuid = new UUID();
      await c.insertOne({
        _id: oid,
        date,
        i32: new Int32(7),
        dbl: new Double(5),
        frac: 2.5,
        lng: Long.fromString('9007199254740993'),
        smallLong: Long.fromNumber(3),
        dec: Decimal128.fromString('10.01'),
        bin: new Binary(Buffer.from([1, 2, 3]), 0),
        uuid,
        str: 'x',
        bool: false,
        nul: null,
        arr: [new Int32(1), new Double(1)],
        nested: { d: Decimal128.fromString('-0.5') },
      });
      const raw = await c.findOne({ _id: oid }, { promoteValues: false, promoteLongs: false });
      expect(raw).not.toBeNull();
      const d = raw!;
      expect((d._id as Types.ObjectId).equals(oid)).toBe(true);
      expect((d.date as Date).toISOString()).toBe(date.toISOString());
      expect(d.i32._bsontype).toBe('Int32');
      expect(d.dbl._bsontype).toBe('Double');
      expect(d.dbl.valueOf()).toBe(5);
      expect(d.frac._bsontype).toBe('Double');
      expect(d.lng._bsontype).toBe('Long');
      expect(d.lng.toString()).toBe('9007199254740993');
      expect(d.smallLong._bsontype).toBe('Long');
      expect(d.dec._bsontype).toBe('Decimal128');
      expect(d.dec.toString()).toBe('10.01');
      expect(d.bin._bsontype).toBe('Binary');
      expect(Buffer.from(d.bin.buffer).equals(Buffer.from([1, 2, 3]))).toBe(true);
      expect(d.uuid.sub_type).toBe(4);
      expect(d.arr.map((x: { _bsontype: string }) => x._bsontype)).toEqual(['Int32', 'Double']);
      expect(d.nested.d.toString()).toBe('-0.5');
      expect(d.nul).toBeNull();
    });

    it('$type matches BSON type names and codes', async () => {
      const c = conn.collection('typed');
      await c.insertMany([
        { k: 'int', v: new Int32(1) },
        { k: 'double', v: new Double(1) },
        { k: 'long', v: Long.fromNumber(1) },
        { k: 'decimal', v: Decimal128.fromString('1') },
        { k: 'string', v: '1' },
        { k: 'objectId', v: new Types.ObjectId() },
        { k: 'date', v: new Date() },
        { k: 'bool', v: true },
        { k: 'null', v: null },
        { k: 'binData', v: new Binary(Buffer.from('a')) },
      ]);
      for (const t of [
        'int',
        'double',
        'long',
        'decimal',
        'string',
        'objectId',
        'date',
        'bool',
        'null',
        'binData',
      ]) {
        const found = await c.find({ v: { $type: t } }).toArray();
        expect(found.map((d) => d.k)).toEqual([t]);
      }
      expect((await c.find({ v: { $type: 'number' } }).toArray()).map((d) => d.k)).toEqual([
        'int',
        'double',
        'long',
        'decimal',
      ]);
      expect((await c.find({ v: { $type: 7 } }).toArray()).map((d) => d.k)).toEqual(['objectId']);
      // all four numeric types compare equal by value
      expect(await c.countDocuments({ v: 1 })).toBe(4);
    });

    it('compares and sorts Decimal128 and Long numerically', async () => {
      const c = conn.collection('nums');
      await c.insertMany([
        { k: 'a', v: Decimal128.fromString('10.01') },
        { k: 'b', v: Decimal128.fromString('9.99') },
        { k: 'c', v: Decimal128.fromString('1.5') },
        { k: 'd', v: Long.fromNumber(7) },
        { k: 'e', v: 8.5 },
      ]);
      const gt5 = await c
        .find({ v: { $gt: Decimal128.fromString('5') } })
        .sort({ v: 1 })
        .toArray();
      expect(gt5.map((d) => d.k)).toEqual(['d', 'e', 'b', 'a']);
      expect(
        (
          await c
            .find({ v: { $lt: 8 } })
            .sort({ v: -1 })
            .toArray()
        ).map((d) => d.k),
      ).toEqual(['d', 'c']);
      expect(await c.countDocuments({ v: Long.fromNumber(7) })).toBe(1);
      expect(await c.countDocuments({ v: 7 })).toBe(1);
      expect(await c.countDocuments({ v: { $in: [7, 1.5] } })).toBe(2);
      expect(await c.countDocuments({ $expr: { $gt: ['$v', 9.995] } })).toBe(1);
      await c.insertOne({ k: 'f', arr: [Long.fromNumber(1), Decimal128.fromString('2')] });
      expect(await c.countDocuments({ arr: { $all: [1, 2] } })).toBe(1);
    });

    it('compares Decimal128 with doubles exactly, like mongod (9.99 ≠ Decimal128("9.99"), 10 = Decimal128("10"))', async () => {
      const c = conn.db!.collection('exact');
      await c.insertMany([
        { k: 'dec', v: Decimal128.fromString('9.99') },
        { k: 'dbl', v: 9.99 },
        { k: 'dec10', v: Decimal128.fromString('10.0') },
        { k: 'int10', v: 10 },
      ]);
      expect((await c.find({ v: 9.99 }).toArray()).map((d) => d.k)).toEqual(['dbl']);
      expect((await c.find({ v: Decimal128.fromString('9.99') }).toArray()).map((d) => d.k)).toEqual(['dec']);
      expect((await c.find({ v: 10 }).toArray()).map((d) => d.k)).toEqual(['dec10', 'int10']);
      await c.createIndex({ u: 1 }, { unique: true, sparse: true });
      await c.insertMany([{ u: Decimal128.fromString('0.1') }, { u: 0.1 }]);
      await c.insertOne({ u: Decimal128.fromString('2.50') });
      expect((await errorOf(c.insertOne({ u: 2.5 }))).code).toBe(11000);
    });

    it('aggregates Decimal128 with exact decimal arithmetic', async () => {
      const c = conn.db!.collection('decagg');
      await c.insertMany([
        { g: 'a', p: Decimal128.fromString('0.1'), q: 2 },
        { g: 'a', p: Decimal128.fromString('0.2'), q: 3 },
        { g: 'b', p: 1.5, q: 4 },
      ]);
      const groups = await c
        .aggregate([
          { $group: { _id: '$g', s: { $sum: '$p' }, a: { $avg: '$p' }, mx: { $max: '$p' }, n: { $sum: 1 } } },
          { $sort: { _id: 1 } },
        ])
        .toArray();
      expect(groups[0].s).toBeInstanceOf(Decimal128);
      expect(groups.map((g) => [g._id, String(g.s), String(g.a), String(g.mx), g.n])).toEqual([
        ['a', '0.3', '0.15', '0.2', 2],
        ['b', '1.5', '1.5', '1.5', 1],
      ]);
      const [row] = await c
        .aggregate([
          { $match: { g: 'a' } },
          { $limit: 1 },
          { $project: { _id: 0, t: { $multiply: ['$p', '$q'] }, d: { $divide: ['$p', 3] } } },
        ])
        .toArray();
      expect([String(row.t), String(row.d)]).toEqual(['0.2', '0.03333333333333333333333333333333333']);
      expect(Object.keys(row)).toEqual(['t', 'd']);
    });

    it('increments Long and Decimal128 keeping their types', async () => {
      const c = conn.collection('incs');
      const { insertedId } = await c.insertOne({
        l: Long.fromNumber(5),
        d: Decimal128.fromString('1.25'),
        n: 1,
      });
      await c.updateOne({ _id: insertedId }, { $inc: { l: 2, d: 1, n: Long.fromNumber(1) } });
      const raw = (await c.findOne({ _id: insertedId }, { promoteValues: false }))!;
      expect(raw.l._bsontype).toBe('Long');
      expect(raw.l.toString()).toBe('7');
      expect(raw.d._bsontype).toBe('Decimal128');
      expect(raw.d.toString()).toBe('2.25');
      expect(raw.n._bsontype).toBe('Long');
      expect(raw.n.toString()).toBe('2');
      // decimal arithmetic is exact (no binary floating point)
      const { insertedId: id2 } = await c.insertOne({ d: Decimal128.fromString('0.1') });
      await c.updateOne({ _id: id2 }, { $inc: { d: Decimal128.fromString('0.2') } });
      expect((await c.findOne({ _id: id2 }))!.d.toString()).toBe('0.3');
    });

    it('keeps numeric types of untouched fields through updates and pass-through aggregations', async () => {
      const c = conn.db!.collection('keep');
      const { insertedId } = await c.insertOne({
        d: Decimal128.fromString('3.30'),
        l: Long.fromNumber(4),
        tags: [] as string[],
        m: Decimal128.fromString('5'),
      });
      await c.updateOne(
        { _id: insertedId },
        { $push: { tags: 'x' } as never, $max: { m: Decimal128.fromString('10.5') } },
      );
      await c.updateOne({ _id: insertedId }, { $min: { l: Long.fromNumber(2) } });
      const raw = (await c.findOne({ _id: insertedId }, { promoteValues: false }))!;
      expect(raw.d._bsontype).toBe('Decimal128');
      expect(raw.d.toString()).toBe('3.30');
      expect(raw.m.toString()).toBe('10.5');
      expect(raw.l._bsontype).toBe('Long');
      expect(raw.l.toString()).toBe('2');
      const [agg] = await c.aggregate([{ $match: { d: { $gt: 3 } } }, { $project: { d: 1 } }]).toArray();
      expect(agg.d).toBeInstanceOf(Decimal128);
      expect(agg.d.toString()).toBe('3.30');
    });

    it('Mongoose Decimal128, Buffer, UUID and BigInt schema types round-trip', async () => {
      const M = conn.model(
        'Typed',
        new Schema({ amount: Schema.Types.Decimal128, blob: Buffer, uid: Schema.Types.UUID, big: BigInt }),
      );
      const uid = '09190f70-3d30-11e5-8814-0f4df9a59c41';
      const created = await M.create({
        amount: '12.345',
        blob: Buffer.from('hi'),
        uid,
        big: 12345678901234n,
      });
      const back = await M.findById(created._id);
      expect(back!.amount!.toString()).toBe('12.345');
      expect(Buffer.from(back!.blob!).toString()).toBe('hi');
      expect(String(back!.uid)).toBe(uid);
      expect(back!.big).toBe(12345678901234n);
      expect(await M.countDocuments({ uid })).toBe(1);
      expect(await M.countDocuments({ amount: { $gte: Decimal128.fromString('12.3') } })).toBe(1);
    });
  });

  describe('collation', () => {
    it('applies case-insensitive collation to equality and sort', async () => {
      const c = conn.db!.collection('coll');
      await c.insertMany([{ n: 'apple' }, { n: 'Apple' }, { n: 'banana' }, { n: 'APPLE' }]);
      const ci = { locale: 'en', strength: 2 } as const;
      expect(await c.countDocuments({ n: 'apple' }, { collation: ci })).toBe(3);
      expect(await c.countDocuments({ n: 'apple' })).toBe(1);
      const sorted = await c
        .find({}, { collation: { locale: 'en' } })
        .sort({ n: 1 })
        .toArray();
      expect(sorted.map((d) => d.n)).toEqual(['apple', 'Apple', 'APPLE', 'banana']);
    });

    it('enforces case-insensitive unique indexes', async () => {
      const c = conn.collection('ciuniq');
      await c.createIndex({ email: 1 }, { unique: true, collation: { locale: 'en', strength: 2 } });
      await c.insertOne({ email: 'Someone@Example.com' });
      const err = await errorOf(c.insertOne({ email: 'someone@example.COM' }));
      expect(err.code).toBe(11000);
    });
  });

  describe('populate', () => {
    it('resolves references with a second query', async () => {
      const Author = conn.model('Author', new Schema({ name: String }));
      const Post = conn.model(
        'Post',
        new Schema({ title: String, author: { type: Schema.Types.ObjectId, ref: 'Author' } }),
      );
      const [a1, a2] = await Author.create([{ name: 'Ann' }, { name: 'Bob' }]);
      await Post.create([
        { title: 'p1', author: a1._id },
        { title: 'p2', author: a2._id },
        { title: 'p3', author: a1._id },
      ]);
      const posts = await Post.find()
        .sort({ title: 1 })
        .populate<{ author: { name: string } }>('author', 'name')
        .lean();
      expect(posts.map((p) => [p.title, p.author.name])).toEqual([
        ['p1', 'Ann'],
        ['p2', 'Bob'],
        ['p3', 'Ann'],
      ]);
    });
  });
}
