import { Schema, Types, type Connection } from 'mongoose';
import { errorOf, type Connector } from '../helpers';

export function indexSuite(connect: Connector): void {
  // Index semantics through Mongoose: unique (single, compound, sparse, partial, multikey, _id),
  // enforcement on every write path, error shapes, listIndexes echo and syncIndexes stability.
  let conn: Connection;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ conn, close } = await connect('idx'));
  });
  afterAll(async () => close());

  describe('unique indexes', () => {
    const User = () =>
      conn.models.User ??
      conn.model('User', new Schema({ email: { type: String, unique: true }, name: String, age: Number }));

    beforeAll(async () => {
      await User().init();
    });
    beforeEach(async () => {
      await User().deleteMany({});
    });

    it('reports E11000 with keyPattern/keyValue on insert', async () => {
      await User().create({ email: 'a@x.io' });
      const err = await errorOf(User().create({ email: 'a@x.io' }));
      expect(err.code).toBe(11000);
      expect(err.keyPattern).toEqual({ email: 1 });
      expect(err.keyValue).toEqual({ email: 'a@x.io' });
      expect(err.message).toMatch(
        /E11000 duplicate key error collection: \S+\.users index: email_1 dup key: \{ email: "a@x\.io" \}/,
      );
    });

    it('ordered insertMany stops at the first duplicate; unordered continues', async () => {
      const ordered = await errorOf(User().insertMany([{ email: '1' }, { email: '1' }, { email: '2' }]));
      expect(ordered.code).toBe(11000);
      expect(await User().countDocuments()).toBe(1);
      await User().deleteMany({});
      const unordered = await errorOf(
        User().insertMany([{ email: '1' }, { email: '1' }, { email: '2' }, { email: '2' }, { email: '3' }], {
          ordered: false,
        }),
      );
      expect(unordered.code).toBe(11000);
      const writeErrors = (unordered as unknown as { writeErrors: Array<{ index: number; code: number }> })
        .writeErrors;
      expect(writeErrors.map((e) => [e.index, e.code])).toEqual([
        [1, 11000],
        [3, 11000],
      ]);
      expect((await User().find().sort({ email: 1 }).lean()).map((u) => u.email)).toEqual(['1', '2', '3']);
    });

    it('checks updates, upserts, replacements and findOneAndUpdate', async () => {
      await User().create([{ email: 'a' }, { email: 'b' }]);
      const upd = await errorOf(User().updateOne({ email: 'b' }, { $set: { email: 'a' } }));
      expect(upd).toMatchObject({ code: 11000, keyValue: { email: 'a' } });
      const ups = await errorOf(
        User().updateOne({ name: 'zzz' }, { $set: { email: 'a' } }, { upsert: true }),
      );
      expect(ups.code).toBe(11000);
      const rep = await errorOf(User().replaceOne({ email: 'b' }, { email: 'a' }));
      expect(rep.code).toBe(11000);
      const fam = await errorOf(User().findOneAndUpdate({ email: 'b' }, { $set: { email: 'a' } }));
      expect(fam).toMatchObject({
        code: 11000,
        codeName: 'DuplicateKey',
        keyPattern: { email: 1 },
        keyValue: { email: 'a' },
      });
      expect((await User().find().sort({ email: 1 }).lean()).map((u) => u.email)).toEqual(['a', 'b']);
      // updating a document to its own current key is fine
      await User().updateOne({ email: 'a' }, { $set: { email: 'a', name: 'same' } });
      expect(await User().countDocuments({ name: 'same' })).toBe(1);
    });

    it('treats a missing field as null in a non-sparse unique index', async () => {
      await User().create({ name: 'no email 1' });
      const err = await errorOf(User().create({ name: 'no email 2' }));
      expect(err.code).toBe(11000);
      expect(err.keyValue).toEqual({ email: null });
    });

    it('enforces _id uniqueness', async () => {
      const id = new Types.ObjectId();
      await User().create({ _id: id, email: 'id1' });
      const err = await errorOf(User().create({ _id: id, email: 'id2' }));
      expect(err).toMatchObject({ code: 11000, keyPattern: { _id: 1 } });
    });
  });

  describe('compound, sparse, partial and multikey unique indexes', () => {
    it('compound unique: only the full combination must be unique', async () => {
      const c = conn.collection('compound');
      await c.createIndex({ a: 1, b: -1 }, { unique: true });
      await c.insertMany([
        { a: 1, b: 1 },
        { a: 1, b: 2 },
        { a: 2, b: 1 },
      ]);
      const err = await errorOf(c.insertOne({ a: 1, b: 2 }));
      expect(err).toMatchObject({ code: 11000, keyPattern: { a: 1, b: -1 }, keyValue: { a: 1, b: 2 } });
      expect(err.message).toContain('index: a_1_b_-1 dup key: { a: 1, b: 2 }');
      await c.insertOne({ a: 3 });
      expect((await errorOf(c.insertOne({ a: 3, b: null }))).code).toBe(11000);
    });

    it('sparse unique skips documents missing the field', async () => {
      const c = conn.collection('sparse');
      await c.createIndex({ code: 1 }, { unique: true, sparse: true });
      await c.insertMany([{ x: 1 }, { x: 2 }, { code: 'A' }]);
      expect((await errorOf(c.insertOne({ code: 'A' }))).code).toBe(11000);
      expect(await c.countDocuments()).toBe(3);
    });

    it('partial unique only applies to matching documents', async () => {
      const c = conn.collection('partial');
      await c.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
      await c.insertMany([
        { email: 'p', active: false },
        { email: 'p', active: false },
        { email: 'p', active: true },
      ]);
      expect((await errorOf(c.insertOne({ email: 'p', active: true }))).code).toBe(11000);
      expect((await errorOf(c.updateOne({ active: false }, { $set: { active: true } }))).code).toBe(11000);
    });

    it('multikey unique: each array element is a key, repeats within one document are fine', async () => {
      const c = conn.collection('multikey');
      await c.createIndex({ tags: 1 }, { unique: true });
      await c.insertOne({ tags: ['a', 'b', 'a'] });
      const err = await errorOf(c.insertOne({ tags: ['c', 'b'] }));
      expect(err).toMatchObject({ code: 11000, keyValue: { tags: 'b' } });
      await c.insertOne({ tags: ['c'] });
      expect(await c.countDocuments({ tags: 'c' })).toBe(1);
    });

    it('building a unique index over duplicate data fails with 11000 and creates nothing', async () => {
      const c = conn.collection('builddup');
      await c.insertMany([{ k: 1 }, { k: 1 }]);
      const err = await errorOf(c.createIndex({ k: 1 }, { unique: true }));
      expect(err.code).toBe(11000);
      expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    });
  });

  describe('index management', () => {
    it('lists indexes with options exactly as created and keeps syncIndexes stable', async () => {
      const schema = new Schema({ email: String, name: String, age: Number, createdAt: Date, code: String });
      schema.index({ email: 1 }, { unique: true });
      schema.index({ name: 1, age: -1 });
      schema.index({ createdAt: 1 }, { expireAfterSeconds: 3600 });
      schema.index({ code: 1 }, { unique: true, partialFilterExpression: { code: { $type: 'string' } } });
      const M = conn.model('Indexed', schema);
      await M.init();
      const idx = await M.listIndexes();
      expect(idx.map((i) => i.name)).toEqual(['_id_', 'email_1', 'name_1_age_-1', 'createdAt_1', 'code_1']);
      expect(idx.find((i) => i.name === 'createdAt_1')).toMatchObject({
        key: { createdAt: 1 },
        expireAfterSeconds: 3600,
      });
      expect(idx.find((i) => i.name === 'code_1')).toMatchObject({
        unique: true,
        partialFilterExpression: { code: { $type: 'string' } },
      });
      expect(await M.diffIndexes()).toEqual({ toDrop: [], toCreate: [] });
      expect(await M.syncIndexes()).toEqual([]);
    });

    it('syncIndexes drops indexes no longer in the schema', async () => {
      const c = conn.collection('syncs');
      await c.createIndex({ old: 1 });
      const M = conn.model('Sync', new Schema({ fresh: { type: String, index: true } }), 'syncs');
      const dropped = await M.syncIndexes();
      expect(dropped).toEqual(['old_1']);
      expect((await M.listIndexes()).map((i) => i.name).sort()).toEqual(['_id_', 'fresh_1']);
    });

    it('rejects conflicting index definitions (86 same name, 85 same key) and unknown drops (27)', async () => {
      const c = conn.collection('conflicts');
      await c.createIndex({ a: 1 }, { name: 'a_idx' });
      expect((await errorOf(c.createIndex({ b: 1 }, { name: 'a_idx' }))).code).toBe(86);
      expect((await errorOf(c.createIndex({ a: 1 }, { name: 'a_idx', unique: true }))).code).toBe(86);
      expect((await errorOf(c.createIndex({ a: 1 }, { name: 'other' }))).code).toBe(85);
      expect(await c.createIndex({ a: 1 }, { name: 'a_idx' })).toBe('a_idx');
      expect((await errorOf(c.dropIndex('nope'))).code).toBe(27);
      await c.dropIndex('a_idx');
      expect((await c.listIndexes().toArray()).length).toBe(1);
    });

    it('uses an index for point lookups by an indexed key (answers correctly)', async () => {
      const c = conn.collection('lookups');
      await c.createIndex({ k: 1 }, { unique: true });
      await c.insertMany(Array.from({ length: 500 }, (_, i) => ({ k: `key${i}`, i })));
      expect(await c.findOne({ k: 'key321' })).toMatchObject({ i: 321 });
      expect(await c.countDocuments({ k: { $in: ['key1', 'key2', 'missing'] } })).toBe(2);
      expect(await c.findOne({ k: 'key321', i: 5 })).toBeNull();
    });
  });
}
