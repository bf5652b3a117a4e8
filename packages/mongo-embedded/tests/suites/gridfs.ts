import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mongoose, { type Connection } from 'mongoose';
import type { Connector } from '../helpers';

/**
 * GridFS as the driver's GridFSBucket uses it (exports are stored this way): the indexes it creates on
 * `<bucket>.files` / `<bucket>.chunks`, binary chunk data, reads sorted by `n`, ranges, lookup by name,
 * metadata queries, delete, abort, and files larger than one BSON document.
 */
export function gridfsSuite(connect: Connector): void {
  let conn: Connection;
  let close: () => Promise<void>;
  let bucket: InstanceType<typeof mongoose.mongo.GridFSBucket>;
  const ObjectId = mongoose.mongo.ObjectId;

  beforeAll(async () => {
    ({ conn, close } = await connect('gridfs'));
    bucket = new mongoose.mongo.GridFSBucket(conn.db!, { bucketName: 'exports', chunkSizeBytes: 1024 });
  });
  afterAll(async () => close());

  const upload = async (data: Buffer, filename: string, metadata?: Record<string, unknown>) => {
    const id = new ObjectId();
    await pipeline(Readable.from([data]), bucket.openUploadStreamWithId(id, filename, { metadata }));
    return id;
  };
  const read = async (stream: Readable) => {
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  it('creates the driver indexes on files and chunks', async () => {
    await upload(Buffer.from('hello'), 'idx.txt');
    const files = await conn.db!.collection('exports.files').listIndexes().toArray();
    const chunks = await conn.db!.collection('exports.chunks').listIndexes().toArray();
    expect(files.map((i) => i.key)).toContainEqual({ filename: 1, uploadDate: 1 });
    expect(chunks.find((i) => i.key.files_id === 1 && i.key.n === 1)).toMatchObject({ unique: true });
  });

  it('round-trips binary data across many chunks, whole and by byte range', async () => {
    const data = randomBytes(10 * 1024 + 123);
    const id = await upload(data, 'blob.bin', { owner: 'u1' });
    const doc = await conn.db!.collection('exports.files').findOne({ _id: id });
    expect(doc).toMatchObject({ length: data.length, chunkSize: 1024, filename: 'blob.bin' });
    expect(await conn.db!.collection('exports.chunks').countDocuments({ files_id: id })).toBe(11);
    expect((await read(bucket.openDownloadStream(id))).equals(data)).toBe(true);
    const part = await read(bucket.openDownloadStream(id, { start: 1000, end: 5000 }));
    expect(part.equals(data.subarray(1000, 5000))).toBe(true);
    expect((await read(bucket.openDownloadStreamByName('blob.bin'))).equals(data)).toBe(true);
    const found = await bucket.find({ 'metadata.owner': 'u1' }).toArray();
    expect(found.map((f) => String(f._id))).toEqual([String(id)]);
  });

  it('reads chunks in n order whatever order they were stored in', async () => {
    const data = randomBytes(5000);
    const id = await upload(data, 'shuffled.bin');
    const chunks = conn.db!.collection('exports.chunks');
    const docs = await chunks.find({ files_id: id }).toArray();
    await chunks.deleteMany({ files_id: id });
    await chunks.insertMany(docs.reverse());
    expect((await read(bucket.openDownloadStream(id))).equals(data)).toBe(true);
  });

  it('deletes a file with its chunks; a missing file is reported as such', async () => {
    const id = await upload(randomBytes(3000), 'gone.bin');
    await bucket.delete(id);
    expect(await conn.db!.collection('exports.files').countDocuments({ _id: id })).toBe(0);
    expect(await conn.db!.collection('exports.chunks').countDocuments({ files_id: id })).toBe(0);
    await expect(bucket.delete(id)).rejects.toThrow(/File not found/);
    await expect(read(bucket.openDownloadStream(id))).rejects.toThrow(/FileNotFound|File not found/);
  });

  it('an aborted upload leaves no chunks', async () => {
    const id = new ObjectId();
    const stream = bucket.openUploadStreamWithId(id, 'aborted.bin');
    await new Promise<void>((resolve, reject) =>
      stream.write(randomBytes(4096), (e) => (e ? reject(e) : resolve())),
    );
    await stream.abort();
    expect(await conn.db!.collection('exports.chunks').countDocuments({ files_id: id })).toBe(0);
    expect(await conn.db!.collection('exports.files').countDocuments({ _id: id })).toBe(0);
  });

  it('stores a file larger than one BSON document (16 MB) with the default chunk size', async () => {
    const big = new mongoose.mongo.GridFSBucket(conn.db!, { bucketName: 'big' });
    const data = randomBytes(17 * 1024 * 1024);
    const id = new ObjectId();
    await pipeline(Readable.from([data]), big.openUploadStreamWithId(id, 'big.bin'));
    expect((await read(big.openDownloadStream(id))).equals(data)).toBe(true);
    await big.delete(id);
  });
}
