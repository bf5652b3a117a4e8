import { Schema, Types, type Connection, type Model } from 'mongoose';
import { errorOf, type Connector } from '../helpers';

// CRUD semantics through Mongoose, against whatever server `connect` reaches (embedded or real).
export function crudSuite(connect: Connector): void {
  let conn: Connection;
  let close: () => Promise<void>;

  interface Item {
    name: string;
    qty?: number;
    tags?: string[];
    price?: number;
    meta?: { color?: string; size?: number };
    items?: Array<{ sku: string; n: number }>;
  }
  let Item: Model<Item>;

  beforeAll(async () => {
    ({ conn, close } = await connect('crud'));
    Item = conn.model<Item>(
      'Item',
      new Schema<Item>({
        name: String,
        qty: Number,
        tags: [String],
        price: Number,
        meta: { color: String, size: Number },
        items: [{ _id: false, sku: String, n: Number }],
      }),
    );
    await Item.init();
  });
  afterAll(async () => close());
  beforeEach(async () => {
    await Item.deleteMany({});
  });

  describe('insert and find', () => {
    it('round-trips documents with generated _id, __v and nested values', async () => {
      const doc = await Item.create({ name: 'a', qty: 2, tags: ['x', 'y'], meta: { color: 'red', size: 3 } });
      const found = await Item.findById(doc._id).lean();
      expect(found).toMatchObject({
        name: 'a',
        qty: 2,
        tags: ['x', 'y'],
        meta: { color: 'red', size: 3 },
        __v: 0,
      });
      expect(found!._id.equals(doc._id)).toBe(true);
      expect(Object.keys(found!)[0]).toBe('_id');
    });

    it('supports comparison, logical, array and regex operators', async () => {
      await Item.insertMany([
        { name: 'apple', qty: 5, tags: ['fruit', 'red'], price: 1.5 },
        { name: 'banana', qty: 10, tags: ['fruit', 'yellow'], price: 0.25 },
        { name: 'carrot', qty: 0, tags: ['veg'], price: 0.1 },
        { name: 'durian', tags: [] },
      ]);
      const names = async (f: Record<string, unknown>) =>
        (await Item.find(f).sort({ name: 1 }).lean()).map((d) => d.name);
      expect(await names({ qty: { $gte: 5 } })).toEqual(['apple', 'banana']);
      expect(await names({ qty: { $exists: false } })).toEqual(['durian']);
      expect(await names({ qty: null })).toEqual(['durian']);
      expect(await names({ tags: 'fruit' })).toEqual(['apple', 'banana']);
      expect(await names({ tags: { $all: ['fruit', 'red'] } })).toEqual(['apple']);
      expect(await names({ tags: { $size: 0 } })).toEqual(['durian']);
      expect(await names({ $or: [{ qty: 0 }, { name: /^ban/ }] })).toEqual(['banana', 'carrot']);
      expect(await names({ name: { $in: ['apple', 'carrot', 'zzz'] } })).toEqual(['apple', 'carrot']);
      expect(await names({ name: { $nin: ['apple', 'carrot'] } })).toEqual(['banana', 'durian']);
      expect(await names({ qty: { $ne: 5 } })).toEqual(['banana', 'carrot', 'durian']);
      expect(await names({ price: { $lt: 0.3, $gt: 0.1 } })).toEqual(['banana']);
      expect(await names({ name: { $regex: '^[AB]', $options: 'i' } })).toEqual(['apple', 'banana']);
      expect(await names({ $expr: { $gt: ['$qty', 6] } })).toEqual(['banana']);
      expect(await names({ qty: { $not: { $gt: 4 } } })).toEqual(['carrot', 'durian']);
    });

    it('matches array elements with $elemMatch and dotted paths into arrays', async () => {
      await Item.create([
        {
          name: 'o1',
          items: [
            { sku: 'a', n: 1 },
            { sku: 'b', n: 5 },
          ],
        },
        { name: 'o2', items: [{ sku: 'a', n: 5 }] },
      ]);
      expect(
        (await Item.find({ items: { $elemMatch: { sku: 'a', n: 5 } } }).lean()).map((d) => d.name),
      ).toEqual(['o2']);
      expect((await Item.find({ 'items.sku': 'b' }).lean()).map((d) => d.name)).toEqual(['o1']);
      expect(
        (
          await Item.find({ 'items.n': { $gt: 4 } })
            .sort({ name: 1 })
            .lean()
        ).map((d) => d.name),
      ).toEqual(['o1', 'o2']);
    });

    it('supports positional, $slice and $elemMatch projections', async () => {
      await Item.create({
        name: 'proj',
        tags: ['a', 'b', 'c', 'd'],
        items: [
          { sku: 'x', n: 1 },
          { sku: 'y', n: 2 },
        ],
      });
      const pos = await Item.collection.findOne(
        { name: 'proj', 'items.n': 2 },
        { projection: { _id: 0, 'items.$': 1 } },
      );
      expect(pos).toEqual({ items: [{ sku: 'y', n: 2 }] });
      const sl = await Item.collection.findOne(
        { name: 'proj' },
        { projection: { _id: 0, tags: { $slice: -2 }, items: { $elemMatch: { sku: 'x' } } } },
      );
      expect(sl).toEqual({ tags: ['c', 'd'], items: [{ sku: 'x', n: 1 }] });
    });

    it('applies sort, skip, limit and projection in MongoDB order and keeps field order', async () => {
      await Item.insertMany(Array.from({ length: 10 }, (_, i) => ({ name: `n${i}`, qty: i % 3, price: i })));
      const page = await Item.find({}, { name: 1, qty: 1 })
        .sort({ qty: -1, price: 1 })
        .skip(2)
        .limit(3)
        .lean();
      expect(page.map((d) => d.name)).toEqual(['n8', 'n1', 'n4']);
      expect(Object.keys(page[0])).toEqual(['_id', 'name', 'qty']);
      const excl = await Item.findOne({ name: 'n1' }, { _id: 0, price: 0, __v: 0 }).lean();
      expect(excl).toEqual({ name: 'n1', qty: 1, tags: [], items: [] });
    });

    it('sorts mixed BSON types in MongoDB type order', async () => {
      const raw = conn.collection('mixed');
      await raw.deleteMany({});
      const oid = new Types.ObjectId();
      const date = new Date('2024-01-01T00:00:00Z');
      await raw.insertMany([
        { k: 1, v: true },
        { k: 2, v: 'str' },
        { k: 3, v: 10 },
        { k: 4, v: null },
        { k: 5, v: date },
        { k: 6, v: oid },
        { k: 7, v: { a: 1 } },
        { k: 8, v: [0, 5] },
        { k: 9 },
        { k: 10, v: 2.5 },
      ]);
      const asc = (await raw.find({}).sort({ v: 1, k: 1 }).toArray()).map((d) => d.k);
      // null/missing < numbers (array [0,5] sorts by its min 0) < string < object < ObjectId < bool < date
      expect(asc).toEqual([4, 9, 8, 10, 3, 2, 7, 6, 1, 5]);
      const desc = (await raw.find({}).sort({ v: -1, k: 1 }).toArray()).map((d) => d.k);
      // descending uses the array's max element (5)
      expect(desc).toEqual([5, 1, 6, 7, 2, 3, 8, 10, 4, 9]);
    });

    it('counts with countDocuments, estimatedDocumentCount and distinct', async () => {
      await Item.insertMany([
        { name: 'a', tags: ['x', 'y'] },
        { name: 'b', tags: ['y', 'z'] },
        { name: 'c', tags: ['x'] },
      ]);
      expect(await Item.countDocuments({ tags: 'x' })).toBe(2);
      expect(await Item.countDocuments({}).skip(1).limit(1)).toBe(1);
      expect(await Item.estimatedDocumentCount()).toBe(3);
      expect((await Item.distinct('tags')).sort()).toEqual(['x', 'y', 'z']);
      expect(await Item.distinct('name', { tags: 'z' })).toEqual(['b']);
      expect(await Item.exists({ name: 'c' })).toBeTruthy();
      expect(await Item.exists({ name: 'q' })).toBeNull();
    });

    it('counts through the countDocuments pipeline with skip, limit and no match', async () => {
      const raw = conn.collection('counted');
      await raw.insertMany(Array.from({ length: 7 }, (_, i) => ({ k: i % 2, i })));
      expect(await raw.countDocuments({ k: 1 })).toBe(3);
      expect(await raw.countDocuments({ k: 1 }, { skip: 1 })).toBe(2);
      expect(await raw.countDocuments({}, { skip: 2, limit: 3 })).toBe(3);
      expect(await raw.countDocuments({}, { skip: 10 })).toBe(0);
      expect(await raw.countDocuments({ k: 5 })).toBe(0);
      expect(
        await raw.aggregate([{ $match: { k: 0 } }, { $group: { _id: 1, n: { $sum: 1 } } }]).toArray(),
      ).toEqual([{ _id: 1, n: 4 }]);
      expect(await raw.aggregate([{ $group: { _id: null, total: { $sum: 1 } } }]).toArray()).toEqual([
        { _id: null, total: 7 },
      ]);
      expect(
        await raw.aggregate([{ $match: { k: 9 } }, { $group: { _id: 1, n: { $sum: 1 } } }]).toArray(),
      ).toEqual([]);
    });

    it('applies top-level inclusion and exclusion projections like mongod', async () => {
      const raw = conn.collection('projected');
      const _id = new Types.ObjectId();
      await raw.insertOne({ _id, b: 1, a: { x: 1 }, c: [1, 2], d: 'd' });
      const one = (projection: Record<string, unknown>) => raw.findOne({ _id }, { projection });
      expect(Object.entries((await one({ d: 1, a: true }))!)).toEqual([
        ['_id', _id],
        ['a', { x: 1 }],
        ['d', 'd'],
      ]);
      expect(await one({ _id: 0, c: 1 })).toEqual({ c: [1, 2] });
      expect(await one({ _id: 1 })).toEqual({ _id });
      expect(Object.keys((await one({ _id: 0 }))!)).toEqual(['b', 'a', 'c', 'd']);
      expect(Object.keys((await one({ a: 0, c: false }))!)).toEqual(['_id', 'b', 'd']);
      expect(await one({ missing: 1 })).toEqual({ _id });
      expect((await errorOf(one({ a: 1, b: 0 })))?.code).toBe(31254);
    });
  });

  describe('updates', () => {
    it('reports matched/modified counts and does not count no-op updates', async () => {
      await Item.insertMany([
        { name: 'a', qty: 1 },
        { name: 'b', qty: 2 },
        { name: 'c', qty: 1 },
      ]);
      const r1 = await Item.updateMany({ qty: 1 }, { $set: { qty: 1 } });
      expect(r1).toMatchObject({ matchedCount: 2, modifiedCount: 0 });
      const r2 = await Item.updateMany({}, { $set: { qty: 2 } });
      expect(r2).toMatchObject({ matchedCount: 3, modifiedCount: 2 });
      const r3 = await Item.updateOne({ name: 'zzz' }, { $set: { qty: 9 } });
      expect(r3).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
    });

    it('supports the update operators', async () => {
      const d = await Item.create({
        name: 'x',
        qty: 5,
        tags: ['a', 'b', 'c'],
        price: 2,
        items: [
          { sku: 's1', n: 1 },
          { sku: 's2', n: 2 },
        ],
      });
      await Item.updateOne(
        { _id: d._id },
        {
          $inc: { qty: 2 },
          $mul: { price: 1.5 },
          $push: { tags: { $each: ['d'], $position: 0 } },
          $unset: { meta: '' },
        },
      );
      await Item.updateOne({ _id: d._id }, { $pull: { tags: 'b' }, $min: { qty: 3 } });
      await Item.updateOne({ _id: d._id, 'items.sku': 's2' }, { $set: { 'items.$.n': 20 } });
      await Item.updateOne(
        { _id: d._id },
        { $inc: { 'items.$[e].n': 100 } },
        { arrayFilters: [{ 'e.n': { $lt: 5 } }] },
      );
      await Item.updateOne({ _id: d._id }, { $addToSet: { tags: { $each: ['a', 'z'] } } });
      await Item.updateOne({ _id: d._id }, { $rename: { price: 'cost' } }, { strict: false });
      const got = await Item.collection.findOne({ _id: d._id });
      expect(got).toMatchObject({
        qty: 3,
        cost: 3,
        tags: ['d', 'a', 'c', 'z'],
        items: [
          { sku: 's1', n: 101 },
          { sku: 's2', n: 20 },
        ],
      });
      expect(got).not.toHaveProperty('price');
    });

    it('applies every operator when the filter tests a field that $inc changes (versioned saves)', async () => {
      const d = await Item.create({ name: 'v', qty: 0 });
      const r = await Item.collection.updateOne({ _id: d._id, qty: 0 }, {
        $inc: { qty: 1 },
        $set: { name: 'v2' },
        $push: { tags: 't' },
      } as never);
      expect(r.modifiedCount).toBe(1);
      expect(
        await Item.collection.findOne({ _id: d._id }, { projection: { _id: 0, __v: 0, items: 0 } }),
      ).toEqual({ name: 'v2', qty: 1, tags: ['t'] });
    });

    it('supports pipeline-style updates', async () => {
      const d = await Item.create({ name: 'p', qty: 4, price: 3 });
      await Item.collection.updateOne({ _id: d._id }, [
        { $set: { total: { $multiply: ['$qty', '$price'] } } },
      ]);
      expect(await Item.collection.findOne({ _id: d._id })).toMatchObject({ total: 12 });
    });

    it('fails $inc on a non-numeric field with TypeMismatch (14)', async () => {
      const d = await Item.create({ name: 'str' });
      const err = await errorOf(Item.collection.updateOne({ _id: d._id }, { $inc: { name: 1 } }));
      expect(err.code).toBe(14);
      expect((await Item.findById(d._id).lean())!.name).toBe('str');
    });

    it('rejects updates mongod cannot apply: fields below scalars (28), array operators on non-arrays (2/14)', async () => {
      const { insertedId: id } = await Item.collection.insertOne({
        name: 'types',
        qty: null,
        label: 'str',
      } as never);
      const code = async (u: object) => (await errorOf(Item.collection.updateOne({ _id: id }, u))).code;
      expect(await code({ $set: { 'qty.x': 1 } })).toBe(28);
      expect(await code({ $set: { 'label.x': 1 } })).toBe(28);
      expect(await code({ $push: { label: 'x' } })).toBe(2);
      expect(await code({ $addToSet: { label: 'x' } })).toBe(2);
      expect(await code({ $pull: { label: 'x' } })).toBe(2);
      expect(await code({ $pop: { label: 1 } })).toBe(14);
      expect(await code({ $inc: { qty: 1 } })).toBe(14);
      expect(await Item.collection.findOne({ _id: id }, { projection: { _id: 0 } })).toEqual({
        name: 'types',
        qty: null,
        label: 'str',
      });
    });

    it('refuses to modify _id (66)', async () => {
      const d = await Item.create({ name: 'imm' });
      const err = await errorOf(
        Item.collection.updateOne({ _id: d._id }, { $set: { _id: new Types.ObjectId() } }),
      );
      expect(err.code).toBe(66);
    });

    it('replaces documents keeping _id', async () => {
      const d = await Item.create({ name: 'r', qty: 1, tags: ['t'] });
      const r = await Item.replaceOne({ _id: d._id }, { name: 'r2' });
      expect(r.modifiedCount).toBe(1);
      const got = await Item.collection.findOne({ _id: d._id });
      expect(got).toEqual({ _id: d._id, name: 'r2', tags: [], items: [], __v: 0 });
    });

    it('upserts: seeds from equality filters, applies $setOnInsert only on insert, reports the id', async () => {
      const r = await Item.collection.updateOne(
        { name: 'up', 'meta.color': 'blue', qty: { $gt: 1 } },
        { $set: { price: 1 }, $setOnInsert: { tags: ['new'] } },
        { upsert: true },
      );
      expect(r.upsertedCount).toBe(1);
      expect(r.upsertedId).toBeInstanceOf(Types.ObjectId);
      const doc = await Item.collection.findOne({ _id: r.upsertedId! });
      expect(doc).toEqual({
        _id: r.upsertedId,
        name: 'up',
        meta: { color: 'blue' },
        price: 1,
        tags: ['new'],
      });
      const r2 = await Item.collection.updateOne(
        { name: 'up' },
        { $set: { price: 2 }, $setOnInsert: { tags: ['again'] } },
        { upsert: true },
      );
      expect(r2).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
      expect(await Item.collection.findOne({ name: 'up' })).toMatchObject({ price: 2, tags: ['new'] });
      const id = new Types.ObjectId();
      const r3 = await Item.collection.replaceOne({ _id: id }, { name: 'replaced' }, { upsert: true });
      expect(r3.upsertedId!.equals(id)).toBe(true);
    });

    it('upserts may choose the new _id through $setOnInsert; an existing match ignores it', async () => {
      const id = new Types.ObjectId();
      const r = await Item.collection.updateOne(
        { name: 'chosen' },
        { $setOnInsert: { _id: id, qty: 1 }, $set: { price: 3 } },
        { upsert: true },
      );
      expect(r.upsertedId!.equals(id)).toBe(true);
      expect(await Item.collection.findOne({ _id: id })).toEqual({
        _id: id,
        name: 'chosen',
        qty: 1,
        price: 3,
      });
      const again = await Item.collection.updateOne(
        { name: 'chosen' },
        { $setOnInsert: { _id: new Types.ObjectId(), qty: 9 }, $set: { price: 4 } },
        { upsert: true },
      );
      expect(again).toMatchObject({ matchedCount: 1, upsertedCount: 0 });
      expect(await Item.collection.findOne({ _id: id })).toMatchObject({ qty: 1, price: 4 });
      // the filter's _id wins; a different one in $setOnInsert is an immutable-field error
      const clash = await Item.collection
        .updateOne(
          { _id: new Types.ObjectId() },
          { $setOnInsert: { _id: new Types.ObjectId() } },
          { upsert: true },
        )
        .then(
          () => null,
          (e: { code?: number }) => e.code,
        );
      expect(clash).toBe(66);
    });

    it('bulkWrite reports upserted ids per operation index', async () => {
      const res = await Item.bulkWrite([
        { insertOne: { document: { name: 'b1' } } },
        { updateOne: { filter: { name: 'b2' }, update: { $set: { qty: 1 } }, upsert: true } },
        { updateMany: { filter: { name: 'b1' }, update: { $set: { qty: 3 } } } },
        { deleteOne: { filter: { name: 'none' } } },
      ]);
      expect(res.insertedCount).toBe(1);
      expect(res.upsertedCount).toBe(1);
      expect(res.modifiedCount).toBe(1);
      expect(Object.keys(res.upsertedIds)).toEqual(['1']);
    });
  });

  describe('document save()', () => {
    it('persists modifications, array changes and version increments; detects stale versions', async () => {
      const doc = await Item.create({ name: 'sv', tags: ['a', 'b'], items: [{ sku: 's', n: 1 }] });
      doc.name = 'sv2';
      doc.tags!.push('c');
      doc.items![0].n = 5;
      await doc.save();
      const stale = await Item.findById(doc._id);
      (doc.tags as unknown as { pull(v: string): void }).pull('a');
      await doc.save();
      expect(await Item.findById(doc._id).lean()).toMatchObject({
        name: 'sv2',
        tags: ['b', 'c'],
        items: [{ sku: 's', n: 5 }],
        __v: 2,
      });
      // positional array edits put __v in the filter; the stale version no longer matches
      stale!.items![0].n = 9;
      const err = await errorOf(stale!.save());
      expect(err.name).toBe('VersionError');
      await Item.deleteOne({ _id: doc._id });
      expect(await Item.findById(doc._id)).toBeNull();
    });
  });

  describe('findOneAndUpdate / findOneAndDelete', () => {
    it('returns pre- and post-images honouring sort and projection', async () => {
      await Item.insertMany([
        { name: 'f', qty: 1 },
        { name: 'f', qty: 3 },
        { name: 'f', qty: 2 },
      ]);
      const pre = await Item.findOneAndUpdate(
        { name: 'f' },
        { $inc: { qty: 10 } },
        { sort: { qty: -1 }, projection: { qty: 1, _id: 0 } },
      ).lean();
      // Mongoose drops `_id: 0` from findOneAndUpdate projections, so _id comes back.
      expect(Object.keys(pre!)).toEqual(['_id', 'qty']);
      expect(pre!.qty).toBe(3);
      const post = await Item.findOneAndUpdate(
        { name: 'f' },
        { $inc: { qty: 10 } },
        { sort: { qty: 1 }, returnDocument: 'after' },
      ).lean();
      expect(post).toMatchObject({ qty: 11 });
      const removed = await Item.findOneAndDelete({ name: 'f' }, { sort: { qty: -1 } }).lean();
      expect(removed).toMatchObject({ qty: 13 });
      expect(await Item.countDocuments({ name: 'f' })).toBe(2);
      expect(await Item.findOneAndUpdate({ name: 'none' }, { $set: { qty: 1 } })).toBeNull();
    });

    it('upserts with findOneAndUpdate', async () => {
      const res = await Item.findOneAndUpdate(
        { name: 'fu' },
        { $set: { qty: 7 } },
        { upsert: true, returnDocument: 'after', includeResultMetadata: true },
      );
      expect(res.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
      expect(res.value).toMatchObject({ name: 'fu', qty: 7 });
      expect(res.lastErrorObject!.upserted).toEqual(res.value!._id);
    });
  });

  describe('deletes', () => {
    it('deleteOne removes one, deleteMany removes all matches', async () => {
      await Item.insertMany([{ name: 'd', qty: 1 }, { name: 'd', qty: 2 }, { name: 'e' }]);
      expect((await Item.deleteOne({ name: 'd' })).deletedCount).toBe(1);
      expect((await Item.deleteMany({ name: { $in: ['d', 'e'] } })).deletedCount).toBe(2);
      expect(await Item.countDocuments()).toBe(0);
    });
  });

  describe('aggregation', () => {
    it('runs $match/$group/$sort/$project/$unwind/$lookup/$facet', async () => {
      await Item.insertMany([
        { name: 'a', qty: 1, tags: ['x', 'y'] },
        { name: 'b', qty: 2, tags: ['x'] },
        { name: 'c', qty: 3, tags: [] },
      ]);
      const byTag = await Item.aggregate([
        { $unwind: '$tags' },
        { $group: { _id: '$tags', total: { $sum: '$qty' }, n: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ]);
      expect(byTag).toEqual([
        { _id: 'x', total: 3, n: 2 },
        { _id: 'y', total: 1, n: 1 },
      ]);
      const lookup = await Item.aggregate([
        { $match: { name: 'a' } },
        { $lookup: { from: Item.collection.name, localField: 'tags', foreignField: 'tags', as: 'same' } },
        { $project: { _id: 0, name: 1, same: { $size: '$same' } } },
      ]);
      expect(lookup).toEqual([{ name: 'a', same: 2 }]);
      const [facet] = await Item.aggregate([
        {
          $facet: {
            count: [{ $count: 'n' }],
            top: [{ $sort: { qty: -1 } }, { $limit: 1 }, { $project: { _id: 0, name: 1 } }],
          },
        },
      ]);
      expect(facet).toEqual({ count: [{ n: 3 }], top: [{ name: 'c' }] });
    });

    it('does not let a pipeline modify stored documents', async () => {
      await Item.create({ name: 'keep', meta: { color: 'red' } });
      await Item.aggregate([{ $set: { 'meta.color': 'blue', extra: 1 } }]);
      await Item.aggregate([{ $project: { 'meta.color': 0 } }]);
      await Item.collection.find({}, { projection: { 'meta.color': 0 } }).toArray();
      await Item.aggregate([{ $unwind: '$tags' }, { $unset: 'meta.color' }]);
      await Item.aggregate([
        { $project: { meta: 1 } },
        { $facet: { all: [{ $set: { 'meta.color': 'green' } }] } },
      ]);
      await Item.aggregate([{ $facet: { p: [{ $project: { 'meta.color': 0 } }] } }]);
      expect(
        await Item.collection.findOne({ name: 'keep' }, { projection: { _id: 0, meta: 1, extra: 1 } }),
      ).toEqual({ meta: { color: 'red' } });
    });

    it('computes $setIntersection like MongoDB (sets of primitives, documents, missing operands)', async () => {
      await Item.collection.insertOne({
        name: 'set',
        tags: ['a', 'b', 'b', 'c'],
        nums: [1, 2, 3],
        docs: [{ k: 1 }, { k: 2 }],
      });
      const [r] = await Item.aggregate([
        { $match: { name: 'set' } },
        {
          $project: {
            _id: 0,
            tags: { $setIntersection: ['$tags', ['b', 'c', 'z']] },
            one: { $size: { $setIntersection: [['b'], '$tags'] } },
            nums: { $setIntersection: ['$nums', [3.0, 1, 'x']] },
            docs: { $setIntersection: ['$docs', [{ k: 2 }]] },
            missing: { $setIntersection: ['$nope', ['a']] },
            none: { $setIntersection: ['$tags', []] },
            // an array expression naming a field is evaluated per document, not taken as a literal
            byPath: {
              $setIntersection: [
                ['$name', 'a', 'q'],
                ['set', 'a'],
              ],
            },
          },
        },
      ]);
      expect([...r.tags].sort()).toEqual(['b', 'c']);
      expect(r.one).toBe(1);
      expect([...r.nums].sort()).toEqual([1, 3]);
      expect(r.docs).toEqual([{ k: 2 }]);
      expect(r.missing).toBeNull();
      expect(r.none).toEqual([]);
      expect([...r.byPath].sort()).toEqual(['a', 'set']);
      const err = await Item.aggregate([{ $project: { x: { $setIntersection: ['$name', ['a']] } } }]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
    });

    it('writes $out results to a collection', async () => {
      await Item.insertMany([
        { name: 'o', qty: 1 },
        { name: 'o', qty: 2 },
      ]);
      await Item.aggregate([{ $group: { _id: '$name', s: { $sum: '$qty' } } }, { $out: 'item_totals' }]);
      expect(await conn.collection('item_totals').find().toArray()).toEqual([{ _id: 'o', s: 3 }]);
    });

    it('merges results into a collection with $merge', async () => {
      const target = conn.collection('merge_target');
      await target.deleteMany({});
      await target.insertMany([
        { _id: 'a', s: 0, keep: true },
        { _id: 'z', s: 9 },
      ] as never[]);
      await Item.insertMany([
        { name: 'a', qty: 1 },
        { name: 'a', qty: 2 },
        { name: 'b', qty: 5 },
      ]);
      await Item.aggregate([
        { $group: { _id: '$name', s: { $sum: '$qty' } } },
        { $merge: { into: 'merge_target' } },
      ]);
      expect(await target.find().sort({ _id: 1 }).toArray()).toEqual([
        { _id: 'a', s: 3, keep: true },
        { _id: 'b', s: 5 },
        { _id: 'z', s: 9 },
      ]);
      await Item.aggregate([
        { $group: { _id: '$name', s: { $sum: 1 } } },
        { $merge: { into: 'merge_target', whenMatched: 'replace', whenNotMatched: 'discard' } },
      ]);
      expect(await target.findOne({ _id: 'a' as never })).toEqual({ _id: 'a', s: 2 });
    });

    it('converts and inspects types in expressions ($toObjectId, $toString, $type)', async () => {
      const d = await Item.create({ name: 'conv', qty: 2, price: 1.5 });
      const [r] = await Item.aggregate([
        { $match: { _id: d._id } },
        {
          $project: {
            s: { $toString: '$_id' },
            back: { $toObjectId: { $toString: '$_id' } },
            t: { $type: '$_id' },
            tq: { $type: '$qty' },
            tp: { $type: '$price' },
            tm: { $type: '$nope' },
          },
        },
      ]);
      expect(Object.keys(r)[0]).toBe('_id');
      expect(r.s).toBe(d._id.toHexString());
      expect(r.back.equals(d._id)).toBe(true);
      expect([r.t, r.tq, r.tp, r.tm]).toEqual(['objectId', 'int', 'double', 'missing']);
    });

    it('rejects unknown stages with 40324', async () => {
      const err = await errorOf(Item.aggregate([{ $bogus: {} }] as never));
      expect(err.code).toBe(40324);
    });
  });

  describe('errors', () => {
    it('unknown command → 59 CommandNotFound', async () => {
      const err = await errorOf(conn.db!.command({ definitelyNotACommand: 1 }));
      expect(err).toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    });

    it('create on an existing collection → 48 NamespaceExists', async () => {
      await conn.db!.createCollection('exists_twice');
      const err = await errorOf(conn.db!.createCollection('exists_twice'));
      expect(err).toMatchObject({ code: 48, codeName: 'NamespaceExists' });
    });

    it('listIndexes on a missing collection → 26 NamespaceNotFound', async () => {
      const err = await errorOf(conn.db!.collection('no_such_coll').listIndexes().toArray());
      expect(err).toMatchObject({ code: 26, codeName: 'NamespaceNotFound' });
    });

    it('conflicting update paths → 40 ConflictingUpdateOperators', async () => {
      const d = await Item.create({ name: 'c', qty: 1 });
      const err = await errorOf(
        Item.collection.updateOne({ _id: d._id }, { $set: { qty: 2 }, $inc: { qty: 1 } }),
      );
      expect(err.code).toBe(40);
      const err2 = await errorOf(
        Item.collection.updateOne({ _id: d._id }, { $set: { meta: {} }, $unset: { 'meta.color': '' } }),
      );
      expect(err2.code).toBe(40);
    });

    it('hint naming a missing index → 2 BadValue; an existing one works', async () => {
      await Item.create({ name: 'h' });
      const err = await errorOf(Item.find({ name: 'h' }).hint({ nope: 1 }).exec());
      expect(err.code).toBe(2);
      expect(await Item.find({ name: 'h' }).hint({ _id: 1 }).countDocuments()).toBe(1);
    });

    it('unknown query operator → 2 BadValue', async () => {
      const err = await errorOf(Item.collection.find({ qty: { $bogus: 1 } }).toArray());
      expect(err.code).toBe(2);
    });
  });
}
